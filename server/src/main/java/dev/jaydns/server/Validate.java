package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileException;
import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerKey;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code jay validate FILE}: parses the Corefile and runs every plugin's setup, binding nothing,
 * then prints each server block's zones, ports, listen addresses and chain. Exits 1 with {@code
 * FILE:LINE:COL: message} when the Corefile is not valid.
 */
final class Validate {

  private Validate() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    GoFlags flags;
    try {
      flags = GoFlags.parse(args.toArray(String[]::new), Set.of(), Set.of("dns.port", "p", "plugins-dir"));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (flags.rest().size() != 1) {
      err.println("usage: jay validate [-dns.port PORT] [-plugins-dir DIR] FILE");
      return 2;
    }
    Path file = Path.of(flags.rest().get(0));
    if (!Files.exists(file)) {
      err.println("open " + file + ": no such file or directory");
      return 1;
    }
    try {
      int port = Main.dnsPort(flags);
      Corefile corefile = new CorefileParser(System.getenv(), port).parse(file);
      if (corefile.isEmpty()) {
        out.println(file + ": no server blocks (Jay would serve the default: "
            + CorefileParser.defaultCorefileText(port).strip().replace('\n', ' ') + ")");
        return 0;
      }
      String dir = flags.get("plugins-dir");
      PluginRegistry registry = PluginRegistry.load(dir == null ? null : Path.of(dir));
      Path parent = file.toAbsolutePath().getParent();
      Generation g = new GenerationBuilder(registry, parent).build(corefile);
      for (ConfiguredBlock b : g.blocks()) {
        out.println(
            b.block().keys().stream().map(ServerKey::canonical).collect(Collectors.joining(" ")));
        String listen =
            b.settings().listenAddresses().isEmpty()
                ? "*"
                : String.join(" ", b.settings().listenAddresses());
        out.println("  listen: " + listen);
        out.println("  chain:  " + (b.chain().plugins().isEmpty() ? "(none: REFUSED)" : String.join(" -> ", b.chain().plugins())));
        out.println("  plugins: " + String.join(" ", b.pluginNames()));
      }
      out.println(file + ": OK");
      return 0;
    } catch (CorefileException | StartupException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println(file + ": " + e);
      return 1;
    }
  }

}
