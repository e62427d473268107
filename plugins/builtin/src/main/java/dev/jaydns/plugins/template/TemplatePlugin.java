package dev.jaydns.plugins.template;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.hosts.Fallthrough;
import dev.jaydns.plugins.hosts.ZoneList;
import dev.jaydns.plugins.rewrite.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The {@code template} directive: synthetic answers rendered from templates for matching queries. */
public final class TemplatePlugin implements Plugin {

  static final List<String> OPTIONS =
      List.of("match", "answer", "additional", "authority", "rcode", "ederror", "fallthrough");

  @Override
  public String name() {
    return "template";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    TemplateHandler handler = new TemplateHandler(parse(config));
    return PluginInstance.of(
        handler,
        context ->
            handler.metrics(
                context.shared("template/metrics", () -> new TemplateMetrics(context.meterRegistry()))));
  }

  /** Reads every {@code template} directive of the block; opens nothing. */
  public static TemplateConfig parse(PluginConfig config) throws ConfigException {
    List<Template> templates = new ArrayList<>();
    for (Directive d : config.directives()) {
      templates.add(template(config, d));
    }
    return new TemplateConfig(templates);
  }

  private static Template template(PluginConfig config, Directive d) throws ConfigException {
    Arguments args = config.arguments(d);
    Token classToken = args.next("CLASS");
    int qclass = DClass.value(classToken.text().toUpperCase(Locale.ROOT));
    if (qclass < 0) {
      throw config.error(classToken, "invalid query class " + classToken.text());
    }
    Token typeToken = args.next("TYPE");
    int qtype = Type.value(typeToken.text().toUpperCase(Locale.ROOT));
    if (qtype < 0) {
      throw config.error(typeToken, "invalid RR type " + typeToken.text());
    }
    ZoneList zones = ZoneList.of(config, args.remaining());
    List<Pattern> match = new ArrayList<>();
    List<TemplateText> answer = new ArrayList<>();
    List<TemplateText> additional = new ArrayList<>();
    List<TemplateText> authority = new ArrayList<>();
    int rcode = Rcode.NOERROR;
    int ederror = -1;
    String reason = null;
    Fallthrough fallthrough = Fallthrough.NONE;
    for (Directive option : d.block()) {
      config.noBlock(option);
      Arguments a = config.arguments(option);
      switch (option.name()) {
        case "match" -> {
          if (!a.hasNext()) {
            throw config.error(option, "match needs at least one REGEX");
          }
          for (Token t : a.remaining()) {
            try {
              match.add(GoRegex.compile(t.text()));
            } catch (PatternSyntaxException e) {
              throw config.error(t, "could not parse regex: " + t.text() + ", " + e.getDescription());
            }
          }
        }
        case "answer" -> texts(config, option, a, answer);
        case "additional" -> texts(config, option, a, additional);
        case "authority" -> texts(config, option, a, authority);
        case "rcode" -> {
          Token t = a.next("CODE");
          rcode = Rcode.value(t.text().toUpperCase(Locale.ROOT));
          if (rcode < 0 || rcode > 15) {
            throw config.error(t, "unknown rcode " + t.text());
          }
          a.end();
        }
        case "ederror" -> {
          ederror = a.nextInt("EXTENDED_ERROR_CODE", 0, 65535);
          if (a.hasNext()) {
            reason = a.nextText("EXTRA_REASON");
          }
          a.end();
        }
        case "fallthrough" -> {
          List<String> fz = new ArrayList<>();
          for (Token t : a.remaining()) {
            fz.add(t.text());
          }
          fallthrough = Fallthrough.of(fz);
        }
        case "upstream" -> {
          // CoreDNS 1.13 accepts and ignores it ("remove soon"): CNAME targets of A and AAAA
          // answers are always resolved.
          a.remaining();
          org.slf4j.LoggerFactory.getLogger("plugin/template")
              .warn(
                  "{}:{}: 'upstream' is deprecated and ignored: CNAME targets are always resolved",
                  option.position().file(),
                  option.position().line());
        }
        default -> throw config.unknownOption(option, OPTIONS);
      }
    }
    if (match.isEmpty()) {
      match.add(Pattern.compile(".*"));
    }
    if (answer.isEmpty() && authority.isEmpty() && rcode == Rcode.NOERROR) {
      throw config.error(d, "no answer section for template found");
    }
    return new Template(
        qclass,
        qtype,
        zones,
        match,
        answer,
        additional,
        authority,
        rcode,
        ederror,
        reason,
        fallthrough);
  }

  private static void texts(PluginConfig config, Directive option, Arguments a, List<TemplateText> into)
      throws ConfigException {
    if (!a.hasNext()) {
      throw config.error(option, option.name() + " needs at least one RR template");
    }
    for (Token t : a.remaining()) {
      try {
        into.add(TemplateText.compile(t.text()));
      } catch (IllegalArgumentException e) {
        throw config.error(t, "could not compile template: " + e.getMessage());
      }
    }
  }
}
