package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The Docker image built from docker/Dockerfile, run with the Cilium variant's arguments (no
 * network setup, so no capability is needed): it renders the Corefile, serves DNS and /health, and
 * its metrics carry the node-cache counter. Disabled, not failed, where no Docker engine exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class NodeCacheImageTest {

  private static final String BASE =
      ".:53 {\n    errors\n    bind 0.0.0.0\n    whoami\n    health :8080\n    prometheus :9253\n}\n";

  @Test
  void theImageServesWithNodeCachesCiliumArguments() throws Exception {
    Path root = Testdata.file("nodelocaldns.Corefile.base").getParent().getParent();
    ImageFromDockerfile image =
        new ImageFromDockerfile("jay-node-cache-test", true)
            .withFileFromPath(".", root)
            .withDockerfilePath("docker/Dockerfile");
    try (GenericContainer<?> jay =
        new GenericContainer<>(image)
            .withCommand(
                "-localip", "169.254.20.10,10.96.0.10", "-conf", "/etc/Corefile", "-upstreamsvc",
                "kube-dns-upstream", "-skipteardown=true", "-setupinterface=false",
                "-setupiptables=false")
            .withEnv("KUBE_DNS_UPSTREAM_SERVICE_HOST", "10.96.0.11")
            .withCopyToContainer(Transferable.of(BASE), "/etc/coredns/Corefile.base")
            .withExposedPorts(53, 8080, 9253)
            .waitingFor(Wait.forHttp("/health").forPort(8080).withStartupTimeout(Duration.ofMinutes(2)))) {
      jay.start();
      Message reply = tcpQuery(jay.getHost(), jay.getMappedPort(53), "whoami.example.");
      assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      String metrics =
          NodeCacheSeedTest.httpGet("http://" + jay.getHost() + ":" + jay.getMappedPort(9253) + "/metrics");
      assertThat(metrics).contains("coredns_nodecache_setup_errors_total{errortype=\"iptables\"} 0.0");
      assertThat(jay.getLogs()).contains("Updated Corefile with 0 custom stubdomains");
    }
  }

  private static Message tcpQuery(String host, int port, String name) throws Exception {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(5000);
      byte[] q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(q.length);
      out.write(q);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] r = new byte[in.readUnsignedShort()];
      in.readFully(r);
      return new Message(r);
    }
  }
}
