package dev.jaydns.server.nodecache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code -conf} rendered from {@code Corefile.base} and the kube-dns ConfigMap: one render at
 * start with an empty ConfigMap (so a usable file exists), then one whenever the hash of the
 * ConfigMap folder or of the template's folder changes ({@link #poll}, every 10 s). A ConfigMap
 * that fails validation is skipped and the last good one kept. Jay's Reloader then applies the
 * new file (the {@code reload} directive), or {@code afterWrite} does at once ({@code
 * -reloadwithsignal}).
 */
final class ConfigSync {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");

  private final Path template;
  private final Path kubeDnsDir;
  private final Path conf;
  private final CorefileTemplate.Inputs inputs;
  private final SetupErrors errors;
  private final Runnable afterWrite;
  private KubeDnsConfig kubeDns = KubeDnsConfig.EMPTY;
  private String kubeDnsHash;
  private String templateHash;

  /**
   * @param kubeDnsDir the ConfigMap folder, or null when there is none to follow
   * @param afterWrite runs after every write of {@code conf}
   */
  ConfigSync(
      Path template,
      Path kubeDnsDir,
      Path conf,
      CorefileTemplate.Inputs inputs,
      SetupErrors errors,
      Runnable afterWrite) {
    this.template = template;
    this.kubeDnsDir = kubeDnsDir;
    this.conf = conf;
    this.inputs = inputs;
    this.errors = errors;
    this.afterWrite = afterWrite;
  }

  /** The first renders: without the ConfigMap, then with it when its folder holds a valid one. */
  synchronized void initial() {
    templateHash = hashOrNull(template.toAbsolutePath().getParent());
    render();
    if (kubeDnsDir != null && Files.isDirectory(kubeDnsDir)) {
      pollKubeDns();
    }
  }

  /** One tick of both pollers. */
  synchronized void poll() {
    if (kubeDnsDir != null && Files.isDirectory(kubeDnsDir)) {
      pollKubeDns();
    }
    String h = hashOrNull(template.toAbsolutePath().getParent());
    if (h != null && !h.equals(templateHash)) {
      templateHash = h;
      LOG.info("Corefile template {} changed", template);
      render();
    }
  }

  private void pollKubeDns() {
    KubeDnsConfigDir.Snapshot s;
    try {
      s = KubeDnsConfigDir.read(kubeDnsDir);
    } catch (IOException e) {
      LOG.warn("Cannot read the kube-dns ConfigMap in {}: {}", kubeDnsDir, e.getMessage());
      return;
    }
    if (s.hash().equals(kubeDnsHash)) {
      return;
    }
    kubeDnsHash = s.hash();
    if (!s.valid()) {
      LOG.error("Invalid kube-dns ConfigMap in {}, keeping the last good one: {}", kubeDnsDir, s.error());
      return;
    }
    kubeDns = s.config();
    render();
  }

  private void render() {
    String problem = CorefileTemplate.checkForwardable(kubeDns);
    if (problem != null) {
      LOG.error("Invalid kube-dns ConfigMap, Corefile not updated: {}", problem);
      errors.increment(SetupErrors.Type.CONFIGMAP);
      return;
    }
    String base;
    try {
      base = Files.readString(template);
    } catch (IOException e) {
      LOG.error("Failed to read the Corefile template {}: {}", template, e.toString());
      errors.increment(SetupErrors.Type.CONFIGMAP);
      return;
    }
    CorefileTemplate.Rendered r = CorefileTemplate.render(base, kubeDns, inputs);
    for (String w : r.warnings()) {
      LOG.warn(w);
    }
    try {
      write(r.text());
    } catch (IOException e) {
      LOG.error("Failed to write config file {}: {}", conf, e.toString());
      errors.increment(SetupErrors.Type.CONFIGMAP);
      return;
    }
    LOG.info(
        "Updated Corefile with {} custom stubdomains and upstream servers {}",
        kubeDns.stubDomains().size(),
        kubeDns.upstreamNameservers().isEmpty() ? inputs.resolvConf() : kubeDns.upstreamNameservers());
    LOG.info("Using config file:\n{}", r.text());
    afterWrite.run();
  }

  /**
   * Writes mode 0666 through a rename, so the Reloader never reads half a file; a target that
   * cannot be renamed over (a bind-mounted file) is written in place.
   */
  private void write(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path dir = conf.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + conf.getFileName() + ".jay-tmp");
    try {
      Files.write(tmp, bytes);
      setMode(tmp);
      Files.move(tmp, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      Files.write(conf, bytes);
      setMode(conf);
    }
  }

  private static void setMode(Path p) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot set the mode of {}: {}", p, e.toString());
    }
  }

  private static String hashOrNull(Path dir) {
    try {
      return dir != null && Files.isDirectory(dir) ? KubeDnsConfigDir.hash(dir) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
