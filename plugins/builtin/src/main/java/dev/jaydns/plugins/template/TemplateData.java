package dev.jaydns.plugins.template;

import java.util.List;
import java.util.Map;

/**
 * What a template sees for one query, Go-template names: {@code .Zone}, {@code .Name}, {@code
 * .Class}, {@code .Type}, {@code .Match}, {@code .Group}, {@code .Remote}, {@code .Message}, {@code
 * .Question}.
 */
public record TemplateData(
    String zone,
    String name,
    String qclass,
    String qtype,
    List<String> match,
    Map<String, String> group,
    String remote,
    String message,
    String question) {

  /** The value of a field path such as {@code Name} or {@code Group.a}; null when unknown. */
  Object field(List<String> path) {
    Object v =
        switch (path.get(0)) {
          case "Zone" -> zone;
          case "Name" -> name;
          case "Class" -> qclass;
          case "Type" -> qtype;
          case "Match" -> match;
          case "Group" -> group;
          case "Remote" -> remote;
          case "Message" -> message;
          case "Question" -> question;
          default -> null;
        };
    for (int i = 1; i < path.size() && v != null; i++) {
      if (v instanceof Map<?, ?> m) {
        v = m.containsKey(path.get(i)) ? m.get(path.get(i)) : NO_VALUE;
      } else {
        return null;
      }
    }
    return v;
  }

  /** What Go prints for a missing map key. */
  static final String NO_VALUE = "<no value>";
}
