package dev.jaydns.plugins.rewrite;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code name [exact|prefix|suffix|substring|regex] FROM TO [answer ...]}: rewrites the question
 * name. An exact rule always maps answer names back; {@code answer auto} does it for prefix,
 * suffix and substring rules; {@code answer name} and {@code answer value} map owner and target
 * names of a regex rule with their own regex.
 */
record NameRule(boolean stop, NameMatch match, String to, boolean auto, List<AnswerRewrite> answers)
    implements Rule {

  /**
   * An {@code answer name|value FROM TO} clause: owner names (name) or target names (value)
   * matching the regex are replaced.
   */
  record AnswerRewrite(boolean value, Pattern pattern, String to) {}

  NameRule {
    answers = List.copyOf(answers);
  }

  @Override
  public boolean apply(Rewriting rw) {
    String before = rw.name;
    String after = match.rewrite(before, to);
    if (after == null) {
      return false;
    }
    rw.name = after;
    if (match.kind() == NameMatch.Kind.EXACT || auto) {
      UnaryOperator<String> back = reverse(before, after, rw);
      rw.addResponseRule(
          (m, x) -> {
            Records.map(m, r -> Records.withOwner(r, back));
            if (auto) {
              Records.map(m, r -> Records.withTarget(r, back));
            }
          });
    }
    for (AnswerRewrite a : answers) {
      UnaryOperator<String> f =
          n -> {
            Matcher mm = a.pattern().matcher(n.toLowerCase(Locale.ROOT));
            return mm.find() ? NameMatch.normalize(NameMatch.substitute(a.to(), mm)) : null;
          };
      rw.addResponseRule(
          (m, x) -> Records.map(m, r -> a.value() ? Records.withTarget(r, f) : Records.withOwner(r, f)));
    }
    return true;
  }

  /**
   * Maps an answer name back. The name the client asked for comes back in the client's spelling
   * (CoreDNS compares case-sensitively and leaves mixed-case answers unreverted, coredns#6915).
   */
  private UnaryOperator<String> reverse(String before, String after, Rewriting rw) {
    String spelled = before.equals(rw.query.name()) ? rw.query.originalName() : before;
    return switch (match.kind()) {
      case EXACT -> n -> n.equalsIgnoreCase(after) ? spelled : null;
      case PREFIX -> n -> {
        String l = n.toLowerCase(Locale.ROOT);
        return l.equals(after) ? spelled : l.startsWith(to) ? match.from() + l.substring(to.length()) : null;
      };
      case SUFFIX -> n -> {
        String l = n.toLowerCase(Locale.ROOT);
        return l.equals(after)
            ? spelled
            : l.endsWith(to) ? l.substring(0, l.length() - to.length()) + match.from() : null;
      };
      case SUBSTRING -> n -> {
        String l = n.toLowerCase(Locale.ROOT);
        return l.equals(after) ? spelled : l.contains(to) ? l.replace(to, match.from()) : null;
      };
      case REGEX -> n -> n.equalsIgnoreCase(after) ? spelled : null;
    };
  }
}
