package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker/nodelocaldns.yaml is the upstream manifest with only the image changed: node-cache's
 * args, the Corefile.base ConfigMap verbatim, and an image whose entrypoint takes those args.
 */
class DockerFilesTest {

  private static Path docker(String name) {
    return Testdata.file("nodelocaldns.Corefile.base").getParent().getParent().resolve("docker").resolve(name);
  }

  @Test
  void theManifestKeepsNodeCachesArgsPortsProbeAndVolumes() throws Exception {
    String yaml = Files.readString(docker("nodelocaldns.yaml"));
    assertThat(yaml)
        .contains("args: [ \"-localip\", \"__PILLAR__LOCAL__DNS__,__PILLAR__DNS__SERVER__\", \"-conf\","
            + " \"/etc/Corefile\", \"-upstreamsvc\", \"kube-dns-upstream\", \"-pidfile\", \"/tmp/node-cache.pid\" ]")
        .contains("containerPort: 9253")
        .contains("path: /health\n            port: 8080")
        .contains("mountPath: /run/xtables.lock")
        .contains("path: Corefile.base")
        .contains("name: kube-dns-upstream")
        .contains("- NET_ADMIN");
    // The ConfigMap's Corefile key is the upstream Corefile.base, byte for byte.
    List<String> corefile = new ArrayList<>();
    boolean in = false;
    for (String line : yaml.split("\n", -1)) {
      if (line.equals("  Corefile: |")) {
        in = true;
      } else if (in && line.equals("---")) {
        break;
      } else if (in) {
        corefile.add(line.isEmpty() ? "" : line.substring(4));
      }
    }
    assertThat(String.join("\n", corefile) + "\n").isEqualTo(Testdata.text("nodelocaldns.Corefile.base"));
  }

  @Test
  void theImageEntrypointPassesNodeCachesArgsToJayNodecache() throws Exception {
    assertThat(Files.readString(docker("Dockerfile")))
        .contains("ENTRYPOINT [\"/node-cache\"]")
        .contains("-XX:ArchiveClassesAtExit=/jay/jay.jsa")
        .contains("-conf /jay/Corefile.train")
        // A pod without a memory limit must not get a heap sized from the node's memory.
        .containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-Xms40m -Xmn24m");
    assertThat(Files.readString(docker("node-cache")))
        .contains("cds=\"-XX:SharedArchiveFile=/jay/jay.jsa\"")
        .contains("exec java $cds -jar /jay/jay.jar nodecache -plugins-dir /jay/plugins \"$@\"");
  }
}
