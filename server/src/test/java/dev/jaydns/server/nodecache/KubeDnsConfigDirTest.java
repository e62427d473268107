package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kube-dns ConfigMap folder: kubelet's symlink layout, the version hash, validation. */
class KubeDnsConfigDirTest {

  @TempDir Path dir;

  /** Writes the files the way kubelet mounts a ConfigMap: visible symlinks into ..data. */
  private void mount(String version, Map<String, String> files) throws Exception {
    Path data = dir.resolve(".." + version);
    Files.createDirectories(data);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Files.writeString(data.resolve(e.getKey()), e.getValue());
    }
    Path link = dir.resolve("..data_tmp");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, data.getFileName());
    Files.move(link, dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    for (String name : files.keySet()) {
      Path visible = dir.resolve(name);
      if (!Files.exists(visible, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(visible, Path.of("..data").resolve(name));
      }
    }
  }

  @Test
  void readsStubDomainsAndUpstreamsThroughKubeletsSymlinks() throws Exception {
    mount(
        "v1",
        Map.of(
            "stubDomains", "{\"acme.local\": [\"1.2.3.4\", \"ns.acme.local:10053\"]}",
            "upstreamNameservers", "[\"8.8.8.8\", \"8.8.4.4:53\"]"));
    KubeDnsConfigDir.Snapshot s = KubeDnsConfigDir.read(dir);
    assertThat(s.valid()).isTrue();
    assertThat(s.config().stubDomains()).containsEntry("acme.local", List.of("1.2.3.4", "ns.acme.local:10053"));
    assertThat(s.config().upstreamNameservers()).containsExactly("8.8.8.8", "8.8.4.4:53");
  }

  @Test
  void theHashFollowsContentNotTimestamps() throws Exception {
    mount("v1", Map.of("upstreamNameservers", "[\"8.8.8.8\"]"));
    String h1 = KubeDnsConfigDir.hash(dir);
    mount("v2", Map.of("upstreamNameservers", "[\"8.8.8.8\"]"));
    assertThat(KubeDnsConfigDir.hash(dir)).isEqualTo(h1);
    mount("v3", Map.of("upstreamNameservers", "[\"8.8.4.4\"]"));
    assertThat(KubeDnsConfigDir.hash(dir)).isNotEqualTo(h1);
  }

  @Test
  void anEmptyFolderIsAnEmptyConfig() throws Exception {
    KubeDnsConfigDir.Snapshot s = KubeDnsConfigDir.read(dir);
    assertThat(s.valid()).isTrue();
    assertThat(s.config()).isEqualTo(KubeDnsConfig.EMPTY);
  }

  @Test
  void invalidConfigMapsAreRefusedWithTheReason() {
    assertThat(error(Map.of("stubDomains", "{not json"))).contains("invalid JSON");
    assertThat(error(Map.of("stubDomains", "[\"1.2.3.4\"]"))).contains("invalid JSON");
    assertThat(error(Map.of("stubDomains", "{\"Acme_Local\": [\"1.2.3.4\"]}"))).contains("invalid domain name");
    assertThat(error(Map.of("stubDomains", "{\"acme.local\": \"1.2.3.4\"}"))).contains("not a list");
    assertThat(error(Map.of("stubDomains", "{\"acme.local\": [\"1.2.3.4:0\"]}"))).contains("invalid nameserver");
    assertThat(error(Map.of("upstreamNameservers", "[\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\",\"4.4.4.4\"]")))
        .contains("at most 3");
    assertThat(error(Map.of("upstreamNameservers", "[\"dns.google\"]"))).contains("invalid upstream nameserver");
    assertThat(error(Map.of("upstreamNameservers", "[\"1.1.1.1:70000\"]"))).contains("invalid upstream nameserver");
  }

  private static String error(Map<String, String> data) {
    try {
      KubeDnsConfigDir.parse(data);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
