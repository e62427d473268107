package dev.jaydns.corefile;

import java.util.List;

/**
 * One directive line of a server block, or one option line inside a directive's block.
 *
 * <p>{@code forward . 10.0.0.10 { force_tcp }} is a directive named {@code forward} with the
 * arguments {@code .} and {@code 10.0.0.10} and a block of one directive, {@code force_tcp}. Blocks
 * nest to any depth. A directive written without a block has an empty {@code block}.
 *
 * @param name the directive word (the plugin name at server-block level, the option name inside a
 *     block)
 * @param args the arguments on the directive's line, in order, each with its own position
 * @param block the lines of the directive's {@code { ... }} block, empty when there is none
 * @param position where the directive word starts
 */
public record Directive(String name, List<Token> args, List<Directive> block, Position position) {

  public Directive {
    args = List.copyOf(args);
    block = List.copyOf(block);
  }

  /** The argument texts, for callers that do not need positions. */
  public List<String> argTexts() {
    return args.stream().map(Token::text).toList();
  }
}
