package dev.jaydns.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A port free for both UDP and TCP on 127.0.0.1, for Corefiles that must name their own port. */
final class FreePorts {

  private FreePorts() {}

  static int udpAndTcp() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
          return port;
        } catch (IOException busy) {
          // Taken for UDP: try another.
        }
      }
    }
    throw new IOException("no free port");
  }
}
