package dev.jaydns.plugins.testing;

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
 * Turns a small Corefile (one server block, directives with at most one level of block) into the
 * {@link PluginConfig} a plugin's setup reads, for table-driven setup tests.
 */
public final class TestCorefile {

  private TestCorefile() {}

  /** The config of {@code plugin} in the first server block of {@code corefile}. */
  public static PluginConfig config(String plugin, String corefile) {
    return config(plugin, corefile, new BlockSettings());
  }

  public static PluginConfig config(String plugin, String corefile, BlockSettings settings) {
    ServerBlock block = block(corefile);
    return new PluginConfig(plugin, block.directives(plugin), block, settings, Path.of("."));
  }

  /** The first server block of {@code corefile}. */
  public static ServerBlock block(String corefile) {
    List<List<Token>> lines = tokenize(corefile);
    List<Token> keyLine = lines.get(0);
    List<ServerKey> keys = new ArrayList<>();
    for (Token t : keyLine) {
      if (!t.text().equals("{")) {
        keys.add(key(t));
      }
    }
    List<Directive> directives = new ArrayList<>();
    int i = 1;
    while (i < lines.size()) {
      List<Token> line = lines.get(i++);
      if (line.size() == 1 && line.get(0).text().equals("}")) {
        break;
      }
      Token name = line.get(0);
      List<Token> args = new ArrayList<>(line.subList(1, line.size()));
      List<Directive> options = new ArrayList<>();
      if (!args.isEmpty() && args.get(args.size() - 1).text().equals("{")) {
        args.remove(args.size() - 1);
        while (true) {
          List<Token> option = lines.get(i++);
          if (option.size() == 1 && option.get(0).text().equals("}")) {
            break;
          }
          options.add(
              new Directive(
                  option.get(0).text(),
                  option.subList(1, option.size()),
                  List.of(),
                  option.get(0).position()));
        }
      }
      directives.add(new Directive(name.text(), args, options, name.position()));
    }
    return new ServerBlock(keys, directives, keyLine.get(0).position());
  }

  private static ServerKey key(Token t) {
    String text = t.text();
    int port = 53;
    int colon = text.lastIndexOf(':');
    String zone = text;
    if (colon >= 0) {
      port = Integer.parseInt(text.substring(colon + 1));
      zone = text.substring(0, colon);
    }
    zone = zone.toLowerCase(java.util.Locale.ROOT);
    if (!zone.endsWith(".")) {
      zone += ".";
    }
    return new ServerKey("dns", zone, port, text, t.position());
  }

  /** Non-empty lines as tokens; quotes group, {@code \"} escapes a quote inside them. */
  private static List<List<Token>> tokenize(String text) {
    List<List<Token>> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int n = 0; n < raw.length; n++) {
      String s = raw[n];
      List<Token> tokens = new ArrayList<>();
      int c = 0;
      while (c < s.length()) {
        char ch = s.charAt(c);
        if (Character.isWhitespace(ch)) {
          c++;
          continue;
        }
        if (ch == '#') {
          break;
        }
        int start = c;
        StringBuilder sb = new StringBuilder();
        if (ch == '"') {
          c++;
          while (c < s.length() && s.charAt(c) != '"') {
            if (s.charAt(c) == '\\' && c + 1 < s.length() && s.charAt(c + 1) == '"') {
              c++;
            }
            sb.append(s.charAt(c++));
          }
          c++;
        } else {
          while (c < s.length() && !Character.isWhitespace(s.charAt(c))) {
            sb.append(s.charAt(c++));
          }
        }
        tokens.add(new Token(sb.toString(), new Position("Corefile", n + 1, start + 1)));
      }
      if (!tokens.isEmpty()) {
        lines.add(tokens);
      }
    }
    return lines;
  }
}
