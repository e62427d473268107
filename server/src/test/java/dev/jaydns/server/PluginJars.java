package dev.jaydns.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars in tests: compiles sources against the test class path, or jars a folder. */
final class PluginJars {

  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name to source text) and writes a jar registering {@code
   * provider} as a {@code dev.jaydns.plugin.Plugin}.
   */
  static Path compile(Path work, String jarName, Map<String, String> sources, String provider)
      throws IOException {
    Path src = Files.createTempDirectory(work, "src");
    Path classes = Files.createTempDirectory(work, "classes");
    List<String> files = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> args = new java.util.ArrayList<>(
        List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
            "--release", "17", "-nowarn"));
    args.addAll(files);
    int rc = compiler.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IOException("test plugin did not compile");
    }
    Path services = classes.resolve("META-INF/services/dev.jaydns.plugin.Plugin");
    Files.createDirectories(services.getParent());
    Files.writeString(services, provider + "\n");
    return jar(classes, work.resolve(jarName));
  }

  /** Writes every file under {@code folder} into the jar {@code target}. */
  static Path jar(Path folder, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = folder.relativize(f).toString().replace('\\', '/');
        jar.putNextEntry(new JarEntry(name));
        jar.write(Files.readAllBytes(f));
        jar.closeEntry();
      }
    }
    return target;
  }

  /** Source of a minimal plugin class answering nothing itself (it passes every query on). */
  static String passingPlugin(String pkg, String cls, String directive, String placement) {
    return ("package %s;\n"
            + "public class %s implements dev.jaydns.plugin.Plugin {\n"
            + "  public String name() { return \"%s\"; }\n"
            + "  public dev.jaydns.plugin.Placement placement() { return %s; }\n"
            + "  public dev.jaydns.plugin.PluginInstance setup(dev.jaydns.plugin.PluginConfig c) {\n"
            + "    return new dev.jaydns.plugin.PluginInstance() {\n"
            + "      public dev.jaydns.plugin.Handler handler() { return (q, next) -> next.handle(q); }\n"
            + "    };\n"
            + "  }\n"
            + "}\n")
        .formatted(pkg, cls, directive, placement);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
