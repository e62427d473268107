package dev.jaydns.plugins.forward;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.xbill.DNS.Message;

/**
 * A DNS-over-TLS upstream on a loopback address with a self-signed certificate the test makes with
 * {@code keytool} (names: {@code dns.example} and the IP), answering {@code A 192.0.2.53}.
 */
final class DotUpstream implements AutoCloseable {

  static final String PASSWORD = "changeit";

  private final SSLServerSocket server;
  final Path caPem;
  final AtomicInteger queries = new AtomicInteger();

  DotUpstream(String ip, Path dir) throws Exception {
    Path keystore = dir.resolve("dot.p12");
    caPem = dir.resolve("dot-ca.pem");
    run(
        "keytool", "-genkeypair", "-alias", "dot", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=dns.example", "-ext", "SAN=dns:dns.example,ip:" + ip, "-validity", "2",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    run(
        "keytool", "-exportcert", "-rfc", "-alias", "dot", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", caPem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
    Thread t = new Thread(this::acceptLoop, "dot-upstream");
    t.setDaemon(true);
    t.start();
  }

  static boolean keytoolAvailable() {
    try {
      Process p = new ProcessBuilder("keytool", "-help").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "dot-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        byte[] q = new byte[in.readUnsignedShort()];
        in.readFully(q);
        queries.incrementAndGet();
        byte[] a = FakeUpstream.answer(new Message(q), "192.0.2.53").toWire();
        out.write(new byte[] {(byte) (a.length >>> 8), (byte) a.length});
        out.write(a);
        out.flush();
      }
    } catch (IOException e) {
      // handshake refused by the client, or the connection closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
