package dev.jaydns.plugins.template;

import dev.jaydns.plugins.hosts.Fallthrough;
import dev.jaydns.plugins.hosts.ZoneList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code template CLASS TYPE [ZONE...]} directive.
 *
 * @param qclass the class matched (255 for ANY)
 * @param qtype the type matched (255 for ANY)
 * @param zones where it applies
 * @param match the regexes tried in order against the question name ({@code .*} if none)
 * @param answer records of the answer section
 * @param additional records of the additional section
 * @param authority records of the authority section
 * @param rcode the reply's rcode
 * @param ederror an extended DNS error code, or -1
 * @param ederrorReason its extra text, or null
 * @param fallthrough where a name in the zones that no regex matches goes on
 */
public record Template(
    int qclass,
    int qtype,
    ZoneList zones,
    List<Pattern> match,
    List<TemplateText> answer,
    List<TemplateText> additional,
    List<TemplateText> authority,
    int rcode,
    int ederror,
    String ederrorReason,
    Fallthrough fallthrough) {

  public Template {
    match = List.copyOf(match);
    answer = List.copyOf(answer);
    additional = List.copyOf(additional);
    authority = List.copyOf(authority);
  }
}
