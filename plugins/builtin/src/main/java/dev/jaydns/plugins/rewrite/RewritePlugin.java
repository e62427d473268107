package dev.jaydns.plugins.rewrite;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The {@code rewrite} directive: each occurrence is one rule changing the query's name, type,
 * class or EDNS0 options, or the answer's TTLs or rcode, and mapping rewritten names back.
 */
public final class RewritePlugin implements Plugin {

  private static final Set<String> VARIABLES =
      Set.of("qname", "qtype", "client_ip", "client_port", "protocol", "server_ip", "server_port");

  @Override
  public String name() {
    return "rewrite";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    Handler handler = new RewriteHandler(parse(config));
    return PluginInstance.of(handler);
  }

  /** Reads every {@code rewrite} line of the block; opens nothing. */
  public static RewriteConfig parse(PluginConfig config) throws ConfigException {
    List<Rule> rules = new ArrayList<>();
    for (Directive d : config.directives()) {
      rules.add(new RuleParser(config, d).rule());
    }
    return new RewriteConfig(rules);
  }

  /** Parses one directive: its arguments, or with fewer than two, its block's lines joined. */
  private static final class RuleParser {
    private final PluginConfig config;
    private final Directive directive;
    private final List<Token> args = new ArrayList<>();
    private int index;

    RuleParser(PluginConfig config, Directive d) throws ConfigException {
      this.config = config;
      this.directive = d;
      args.addAll(d.args());
      if (args.size() < 2) {
        for (Directive line : d.block()) {
          args.add(new Token(line.name(), line.position()));
          args.addAll(line.args());
          if (!line.block().isEmpty()) {
            throw config.error(line.block().get(0), "a rewrite rule line takes no block");
          }
        }
      } else if (!d.block().isEmpty()) {
        throw config.error(d.block().get(0), "a rule written on the rewrite line takes no block");
      }
    }

    private ConfigException err(String msg) {
      Token at = index < args.size() ? args.get(index) : index > 0 ? args.get(index - 1) : null;
      return at == null ? config.error(directive, msg) : config.error(at, msg);
    }

    private Token take(String what) throws ConfigException {
      if (index >= args.size()) {
        throw err("missing " + what);
      }
      return args.get(index++);
    }

    private int left() {
      return args.size() - index;
    }

    Rule rule() throws ConfigException {
      if (args.isEmpty()) {
        throw config.error(directive, "no rule type specified for rewrite");
      }
      boolean stop = true;
      String first = args.get(0).text().toLowerCase(Locale.ROOT);
      if (first.equals("stop") || first.equals("continue")) {
        stop = first.equals("stop");
        index++;
      }
      Token field = take("rule type");
      return switch (field.text().toLowerCase(Locale.ROOT)) {
        case "name" -> nameRule(stop);
        case "type" -> {
          int[] v = pair("type", t -> Type.value(t.toUpperCase(Locale.ROOT)));
          yield new TypeRule(stop, v[0], v[1]);
        }
        case "class" -> {
          int[] v = pair("class", t -> DClass.value(t.toUpperCase(Locale.ROOT)));
          yield new ClassRule(stop, v[0], v[1]);
        }
        case "ttl" -> ttlRule(stop);
        case "rcode" -> rcodeRule(stop);
        case "edns0" -> edns0Rule(stop);
        case "answer" -> throw config.error(field, "response rewrites must begin with a name rule");
        case "cname" -> cnameRule(stop);
        default -> throw config.error(field, "invalid rule type '" + field.text() + "'");
      };
    }

    private interface Lookup {
      int value(String text);
    }

    private int[] pair(String what, Lookup lookup) throws ConfigException {
      if (left() != 2) {
        throw err(what + " rules must have exactly two arguments");
      }
      int[] v = new int[2];
      for (int i = 0; i < 2; i++) {
        Token t = take(what);
        v[i] = lookup.value(t.text());
        if (v[i] < 0) {
          throw config.error(t, "invalid " + what + " '" + t.text() + "'");
        }
      }
      return v;
    }

    /** An optional match type, then the name string; exact when the type is left out. */
    private NameMatch match(int valuesAfter) throws ConfigException {
      NameMatch.Kind kind = NameMatch.Kind.EXACT;
      if (left() > valuesAfter + 1) {
        Token k = take("match type");
        kind = NameMatch.Kind.of(k.text());
        if (kind == null) {
          throw config.error(
              k,
              "supports only exact, prefix, suffix, substring, and regex name matching, received: "
                  + k.text());
        }
      }
      Token from = take("name to match");
      try {
        return NameMatch.of(kind, from.text());
      } catch (PatternSyntaxException e) {
        throw config.error(from, "invalid regex matching pattern: " + from.text());
      }
    }

    /** {@code cname [MATCH] FROM TO}: strings lowercased and kept as written, as CoreDNS. */
    private Rule cnameRule(boolean stop) throws ConfigException {
      if (left() < 2) {
        throw err("too few (" + left() + ") arguments for a cname rule");
      }
      if (left() > 3) {
        throw config.error(args.get(index + 3), "too many (" + left() + ") arguments for a cname rule");
      }
      NameMatch.Kind kind = NameMatch.Kind.EXACT;
      if (left() == 3) {
        Token k = take("match type");
        kind = NameMatch.Kind.of(k.text());
        if (kind == null) {
          throw config.error(k, "unknown cname rewrite type: " + k.text().toLowerCase(Locale.ROOT));
        }
      }
      Token from = take("FROM");
      String fromText = from.text().toLowerCase(Locale.ROOT);
      String to = take("TO").text().toLowerCase(Locale.ROOT);
      java.util.regex.Pattern pattern = null;
      if (kind == NameMatch.Kind.REGEX) {
        try {
          pattern = GoRegex.compile(fromText);
        } catch (PatternSyntaxException e) {
          // CoreDNS compiles it per answer and fails the query; a bad pattern is a startup error.
          throw config.error(from, "invalid regex matching pattern: " + from.text());
        }
      }
      return new CnameRule(stop, new NameMatch(kind, fromText, pattern), to);
    }

    private Rule nameRule(boolean stop) throws ConfigException {
      int n = left();
      if (n < 2) {
        throw err("too few arguments for a name rule");
      }
      NameMatch match;
      Token to;
      if (n == 2 || (n > 3 && !isKind(args.get(index).text()))) {
        match = NameMatch.of(NameMatch.Kind.EXACT, take("FROM").text());
        to = take("TO");
      } else {
        Token k = take("match type");
        NameMatch.Kind kind = NameMatch.Kind.of(k.text());
        if (kind == null) {
          throw config.error(
              k,
              "name rule supports only exact, prefix, suffix, substring, and regex name matching,"
                  + " received: " + k.text());
        }
        Token from = take("FROM");
        try {
          match = NameMatch.of(kind, from.text());
        } catch (PatternSyntaxException e) {
          throw config.error(from, "invalid regex matching pattern: " + from.text());
        }
        to = take("TO");
      }
      String toText = NameMatch.normalize(to.text());
      if (match.kind() == NameMatch.Kind.REGEX
          && NameMatch.groupReferences(to.text()) > match.pattern().matcher("").groupCount()) {
        throw config.error(
            to,
            "the rewrite regex pattern (" + to.text() + ") uses more subexpressions than its"
                + " corresponding matching regex pattern (" + match.from() + ")");
      }
      boolean auto = false;
      List<NameRule.AnswerRewrite> answers = new ArrayList<>();
      while (left() > 0) {
        Token a = take("answer");
        if (!a.text().equalsIgnoreCase("answer")) {
          throw config.error(a, "unexpected argument '" + a.text() + "' for a name rule");
        }
        Token what = take("answer field (auto, name or value)");
        switch (what.text().toLowerCase(Locale.ROOT)) {
          case "auto" -> {
            if (match.kind() == NameMatch.Kind.REGEX) {
              throw config.error(what, "'answer auto' cannot reverse a regex rule; use 'answer name'");
            }
            auto = true;
          }
          case "name", "value" -> {
            if (match.kind() != NameMatch.Kind.REGEX) {
              throw config.error(
                  what, "the rewrite of response is supported only for name regex rule");
            }
            Token from = take("answer FROM");
            Token answerTo = take("answer TO");
            Pattern p;
            try {
              p = GoRegex.compile(from.text());
            } catch (PatternSyntaxException e) {
              throw config.error(from, "invalid regex matching pattern: " + from.text());
            }
            if (NameMatch.groupReferences(answerTo.text()) > p.matcher("").groupCount()) {
              throw config.error(
                  answerTo,
                  "the rewrite regex pattern (" + answerTo.text() + ") uses more subexpressions"
                      + " than its corresponding matching regex pattern (" + from.text() + ")");
            }
            answers.add(
                new NameRule.AnswerRewrite(
                    what.text().equalsIgnoreCase("value"), p, answerTo.text()));
          }
          default -> throw config.error(what, "invalid answer rewrite '" + what.text() + "'");
        }
      }
      return new NameRule(stop, match, toText, auto, answers);
    }

    private static boolean isKind(String s) {
      return NameMatch.Kind.of(s) != null;
    }

    private Rule ttlRule(boolean stop) throws ConfigException {
      if (left() < 2 || left() > 3) {
        throw err("ttl rules need [MATCH] NAME TTL");
      }
      NameMatch match = match(1);
      Token t = take("TTL");
      long[] range = ttlRange(t);
      return new TtlRule(stop, match, range[0], range[1]);
    }

    private long[] ttlRange(Token t) throws ConfigException {
      String s = t.text();
      int dash = s.indexOf('-');
      long min;
      long max;
      if (dash < 0) {
        min = max = ttl(t, s);
      } else {
        String a = s.substring(0, dash);
        String b = s.substring(dash + 1);
        if (a.isEmpty() && b.isEmpty()) {
          throw config.error(t, "invalid TTL range '" + s + "'");
        }
        min = a.isEmpty() ? 0 : ttl(t, a);
        max = b.isEmpty() ? 0xffffffffL : ttl(t, b);
        if (min > max) {
          throw config.error(t, "invalid TTL range '" + s + "': minimum above maximum");
        }
      }
      return new long[] {min, max};
    }

    private long ttl(Token t, String s) throws ConfigException {
      try {
        long v = Long.parseLong(s);
        if (v < 0 || v > 0xffffffffL) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        throw config.error(t, "invalid TTL '" + t.text() + "': must be 0 to 4294967295 seconds");
      }
    }

    private Rule rcodeRule(boolean stop) throws ConfigException {
      if (left() < 3 || left() > 4) {
        throw err("rcode rules need [MATCH] NAME FROM TO");
      }
      NameMatch match = match(2);
      int from = rcode(take("FROM rcode"));
      int to = rcode(take("TO rcode"));
      return new RcodeRule(stop, match, from, to);
    }

    private int rcode(Token t) throws ConfigException {
      int v;
      try {
        v = Integer.parseInt(t.text());
      } catch (NumberFormatException e) {
        v = Rcode.value(t.text().toUpperCase(Locale.ROOT));
      }
      if (v < 0 || v > 15) {
        throw config.error(t, "invalid rcode '" + t.text() + "'");
      }
      return v;
    }

    private Rule edns0Rule(boolean stop) throws ConfigException {
      Token kindToken = take("EDNS0 option type (local, nsid or subnet)");
      String kind = kindToken.text().toLowerCase(Locale.ROOT);
      Token actionToken = take("EDNS0 action (set, append, replace or unset)");
      Edns0Rule.Action action;
      try {
        action = Edns0Rule.Action.valueOf(actionToken.text().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw config.error(actionToken, "invalid action: '" + actionToken.text() + "'");
      }
      boolean revert = left() > 0 && args.get(args.size() - 1).text().equalsIgnoreCase("revert");
      int end = revert ? args.size() - 1 : args.size();
      int values = end - index;
      switch (kind) {
        case "local" -> {
          int expected = action == Edns0Rule.Action.UNSET ? 1 : 2;
          if (values != expected) {
            throw err("EDNS0 local rules need " + (expected == 1 ? "CODE" : "CODE DATA"));
          }
          Token codeToken = take("CODE");
          int code = optionCode(codeToken);
          Edns0Rule.LocalData data = new Edns0Rule.LocalData(new byte[0], null);
          if (expected == 2) {
            data = localData(take("DATA"));
          }
          index = args.size();
          return new Edns0Rule(stop, action, code, data, 0, 0, revert);
        }
        case "nsid" -> {
          if (values != 0) {
            throw err("EDNS0 nsid rules take no values");
          }
          index = args.size();
          return new Edns0Rule(stop, action, Edns0Rule.NSID, null, 0, 0, revert);
        }
        case "subnet" -> {
          int v4 = 0;
          int v6 = 0;
          if (action == Edns0Rule.Action.UNSET) {
            if (values != 0) {
              throw err("EDNS0 subnet unset takes no values");
            }
          } else {
            if (values != 2) {
              throw err("EDNS0 subnet rules need IPV4_BITS IPV6_BITS");
            }
            v4 = config.parseInt(take("IPv4 bits"), "IPv4 bitmask length", 0, 32);
            v6 = config.parseInt(take("IPv6 bits"), "IPv6 bitmask length", 0, 128);
          }
          index = args.size();
          return new Edns0Rule(stop, action, Edns0Rule.SUBNET, null, v4, v6, revert);
        }
        default ->
            throw config.error(
                kindToken, "unsupported EDNS0 option type '" + kindToken.text() + "'"
                    + " (supported: local, nsid, subnet)");
      }
    }

    private int optionCode(Token t) throws ConfigException {
      String s = t.text().toLowerCase(Locale.ROOT);
      try {
        int v = s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
        if (v < 0 || v > 0xffff) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        throw config.error(t, "invalid EDNS0 option code '" + t.text() + "'");
      }
    }

    private Edns0Rule.LocalData localData(Token t) throws ConfigException {
      String s = t.text();
      if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
        String v = s.substring(1, s.length() - 1);
        if (VARIABLES.contains(v)) {
          return new Edns0Rule.LocalData(null, v);
        }
        if (v.contains("/")) {
          throw config.error(
              t, "metadata variable " + s + " needs the metadata plugin, which Jay does not have");
        }
        throw config.error(t, "unknown variable " + s + " (known: {" + String.join("}, {", VARIABLES) + "})");
      }
      if (s.regionMatches(true, 0, "0x", 0, 2)) {
        try {
          return new Edns0Rule.LocalData(HexFormat.of().parseHex(s.substring(2)), null);
        } catch (IllegalArgumentException e) {
          throw config.error(t, "invalid hex data '" + s + "'");
        }
      }
      return new Edns0Rule.LocalData(s.getBytes(StandardCharsets.UTF_8), null);
    }
  }
}
