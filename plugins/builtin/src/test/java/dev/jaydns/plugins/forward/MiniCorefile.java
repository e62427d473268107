package dev.jaydns.plugins.forward;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Position;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.corefile.ServerKey;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the Corefile parser (built on another branch) good enough for forward's setup
 * tests: one server block {@code KEY {} ... {@code }}, directives one per line, one level of option
 * blocks, double quotes, {@code #} comments, and exact 1-based positions in file {@code Corefile}.
 */
final class MiniCorefile {

  private MiniCorefile() {}

  /** The {@code forward} config of the single block in {@code text}. */
  static PluginConfig forward(String text, Path dir) {
    return forward(text, dir, new BlockSettings());
  }

  static PluginConfig forward(String text, Path dir, BlockSettings settings) {
    List<List<Token>> lines = tokenize(text);
    Token key = lines.get(0).get(0);
    List<Directive> directives = new ArrayList<>();
    int i = 1;
    while (i < lines.size()) {
      List<Token> line = lines.get(i);
      if (line.size() == 1 && line.get(0).text().equals("}")) {
        break;
      }
      List<Directive> block = new ArrayList<>();
      List<Token> args = new ArrayList<>(line.subList(1, line.size()));
      i++;
      if (!args.isEmpty() && args.get(args.size() - 1).text().equals("{")) {
        args.remove(args.size() - 1);
        while (!(lines.get(i).size() == 1 && lines.get(i).get(0).text().equals("}"))) {
          List<Token> opt = lines.get(i);
          block.add(
              new Directive(opt.get(0).text(), opt.subList(1, opt.size()), List.of(), opt.get(0).position()));
          i++;
        }
        i++;
      }
      directives.add(new Directive(line.get(0).text(), args, block, line.get(0).position()));
    }
    String zone = PluginConfig.normalizeZone(key.text().replaceAll(":\\d+$", ""));
    ServerBlock sb =
        new ServerBlock(
            List.of(new ServerKey("dns", zone, 53, key.text(), key.position())), directives, key.position());
    return new PluginConfig("forward", sb.directives("forward"), sb, settings, dir);
  }

  private static List<List<Token>> tokenize(String text) {
    List<List<Token>> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      String s = lines[l];
      List<Token> tokens = new ArrayList<>();
      int c = 0;
      while (c < s.length()) {
        char ch = s.charAt(c);
        if (ch == '#') {
          break;
        }
        if (Character.isWhitespace(ch)) {
          c++;
          continue;
        }
        int start = c;
        StringBuilder sb = new StringBuilder();
        if (ch == '"') {
          c++;
          while (c < s.length() && s.charAt(c) != '"') {
            sb.append(s.charAt(c++));
          }
          c++;
        } else {
          while (c < s.length() && !Character.isWhitespace(s.charAt(c))) {
            sb.append(s.charAt(c++));
          }
        }
        tokens.add(new Token(sb.toString(), new Position("Corefile", l + 1, start + 1)));
      }
      if (!tokens.isEmpty()) {
        out.add(tokens);
      }
    }
    return out;
  }
}
