package dev.jaydns.plugin;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Position;
import dev.jaydns.corefile.Token;
import java.time.Duration;
import java.util.List;

/**
 * A cursor over one directive's arguments, the Java face of CoreDNS's Dispenser: take the next
 * argument, the remaining ones, or typed values, with errors that point at the offending token.
 *
 * <pre>{@code
 * Arguments a = config.arguments(directive);
 * String from = a.next("FROM").text();
 * List<Token> to = a.remaining();
 * }</pre>
 */
public final class Arguments {

  private final PluginConfig config;
  private final Directive directive;
  private final List<Token> args;
  private int index;

  Arguments(PluginConfig config, Directive directive) {
    this.config = config;
    this.directive = directive;
    this.args = directive.args();
  }

  public boolean hasNext() {
    return index < args.size();
  }

  /** How many arguments are left. */
  public int left() {
    return args.size() - index;
  }

  /** The next argument without taking it, or null at the end of the line. */
  public Token peek() {
    return hasNext() ? args.get(index) : null;
  }

  /** Takes the next argument; at the end of the line, fails with "missing WHAT". */
  public Token next(String what) throws ConfigException {
    if (!hasNext()) {
      throw config.error(endPosition(), "missing " + what + " after '" + lastText() + "'");
    }
    return args.get(index++);
  }

  /** Takes the next argument's text. */
  public String nextText(String what) throws ConfigException {
    return next(what).text();
  }

  /** Takes every argument left. */
  public List<Token> remaining() {
    List<Token> rest = args.subList(index, args.size());
    index = args.size();
    return rest;
  }

  /** Fails if any argument is left: "unexpected argument 'x'". */
  public void end() throws ConfigException {
    if (hasNext()) {
      Token t = args.get(index);
      throw config.error(t, "unexpected argument '" + t.text() + "' for '" + directive.name() + "'");
    }
  }

  /** Takes the next argument as a decimal integer in [min, max]. */
  public int nextInt(String what, int min, int max) throws ConfigException {
    Token t = next(what);
    return config.parseInt(t, what, min, max);
  }

  /** Takes the next argument as a Go duration ({@code 30s}, {@code 1m}) of at least {@code min}. */
  public Duration nextDuration(String what, Duration min) throws ConfigException {
    Token t = next(what);
    return config.parseDuration(t, what, min);
  }

  /**
   * Takes the next argument as a {@code HOST:PORT} listen address ({@code :9253},
   * {@code 127.0.0.1:8080}), checked as Go's SplitHostPort checks it; returns the text as written.
   */
  public String nextHttpAddress(String what) throws ConfigException {
    Token t = next(what);
    try {
      HttpAddress.parse(t.text());
    } catch (IllegalArgumentException e) {
      throw config.error(t, e.getMessage());
    }
    return t.text();
  }

  private String lastText() {
    return index == 0 ? directive.name() : args.get(index - 1).text();
  }

  private Position endPosition() {
    if (index == 0) {
      return directive.position();
    }
    Token last = args.get(index - 1);
    Position p = last.position();
    return new Position(p.file(), p.line(), p.column() + last.text().length());
  }
}
