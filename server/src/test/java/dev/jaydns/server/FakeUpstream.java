package dev.jaydns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * An upstream DNS server for tests, on 127.0.0.x, UDP and TCP on one port: answers with a function
 * of the query (null: stay silent) and records what it was asked and how.
 */
final class FakeUpstream implements AutoCloseable {

  /** One query as the upstream saw it. */
  record Seen(String name, int type, String transport) {}

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Function<Message, Message> responder;
  private volatile boolean closed;

  FakeUpstream(String address, Function<Message, Message> responder) throws IOException {
    this.responder = responder;
    InetAddress a = InetAddress.getByName(address);
    ServerSocket t = null;
    DatagramSocket u = null;
    for (int i = 0; i < 20 && u == null; i++) {
      t = new ServerSocket();
      t.setReuseAddress(true);
      t.bind(new InetSocketAddress(a, 0));
      try {
        u = new DatagramSocket(new InetSocketAddress(a, t.getLocalPort()));
      } catch (IOException busy) {
        t.close();
      }
    }
    this.tcp = t;
    this.udp = u;
    Thread ut = new Thread(this::serveUdp, "fake-upstream-udp");
    ut.setDaemon(true);
    ut.start();
    Thread tt = new Thread(this::serveTcp, "fake-upstream-tcp");
    tt.setDaemon(true);
    tt.start();
  }

  String address() {
    return udp.getLocalAddress().getHostAddress() + ":" + udp.getLocalPort();
  }

  void respond(Function<Message, Message> r) {
    this.responder = r;
  }

  List<Seen> seen() {
    return seen;
  }

  long count(String transport) {
    return seen.stream().filter(s -> s.transport().equals(transport)).count();
  }

  private byte[] answer(byte[] query, String transport) {
    try {
      Message q = new Message(query);
      seen.add(new Seen(q.getQuestion().getName().toString(), q.getQuestion().getType(), transport));
      Message r = responder.apply(q);
      if (r == null) {
        return null;
      }
      if (transport.equals("udp")) {
        // A real server cuts a UDP answer to the asker's size and sets TC.
        int limit = q.getOPT() != null ? Math.max(512, q.getOPT().getPayloadSize()) : 512;
        return r.toWire(limit);
      }
      return r.toWire();
    } catch (IOException e) {
      return null;
    }
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] q = java.util.Arrays.copyOf(p.getData(), p.getLength());
        byte[] r = answer(q, "udp");
        if (r != null) {
          udp.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        Thread c =
            new Thread(
                () -> {
                  try (s) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    while (true) {
                      byte[] q = new byte[in.readUnsignedShort()];
                      in.readFully(q);
                      byte[] r = answer(q, "tcp");
                      if (r != null) {
                        synchronized (out) {
                          out.writeShort(r.length);
                          out.write(r);
                          out.flush();
                        }
                      }
                    }
                  } catch (IOException e) {
                    // Connection closed.
                  }
                });
        c.setDaemon(true);
        c.start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    udp.close();
    tcp.close();
  }
}
