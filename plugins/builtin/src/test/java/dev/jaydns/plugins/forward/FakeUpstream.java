package dev.jaydns.plugins.forward;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A fault-injecting DNS upstream on a loopback address, UDP and TCP on one port, with plain
 * java.net sockets: each query goes to a {@link Behavior} that answers, stays silent, answers late,
 * answers wrongly or spoofs from another port.
 */
final class FakeUpstream implements AutoCloseable {

  /** What the upstream does with one query. */
  interface Behavior {
    void handle(Exchange exchange) throws Exception;
  }

  /** One query as the upstream received it, and ways to answer it. */
  final class Exchange {
    final byte[] raw;
    final Message query;
    final boolean tcp;
    private final SocketAddress client;
    private final OutputStream out;

    Exchange(byte[] raw, boolean tcp, SocketAddress client, OutputStream out) throws IOException {
      this.raw = raw;
      this.query = new Message(raw);
      this.tcp = tcp;
      this.client = client;
      this.out = out;
    }

    void reply(byte[] bytes) throws IOException {
      if (tcp) {
        synchronized (out) {
          out.write(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length});
          out.write(bytes);
          out.flush();
        }
      } else {
        udp.send(new DatagramPacket(bytes, bytes.length, client));
      }
    }

    void reply(Message m) throws IOException {
      reply(m.toWire());
    }

    void replyLater(byte[] bytes, long millis) {
      timers.schedule(
          () -> {
            try {
              reply(bytes);
            } catch (IOException e) {
              // the client went away
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    }

    /** Sends {@code bytes} to the client's UDP address from another port of this host. */
    void spoof(byte[] bytes) throws IOException {
      spoofer.send(new DatagramPacket(bytes, bytes.length, client));
    }

    /** The standard answer: {@code A 192.0.2.1} for the question, ID and RD copied. */
    Message answer() throws IOException {
      return FakeUpstream.answer(query, "192.0.2.1");
    }
  }

  private final DatagramSocket udp;
  private final DatagramSocket spoofer;
  private final ServerSocket tcpServer;
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<Message> queries = new CopyOnWriteArrayList<>();
  final AtomicInteger udpQueries = new AtomicInteger();
  final AtomicInteger tcpQueries = new AtomicInteger();
  final AtomicInteger tcpConnections = new AtomicInteger();
  private volatile Behavior behavior = e -> e.reply(e.answer());
  private volatile boolean closed;

  FakeUpstream(String ip) throws IOException {
    this(ip, 0);
  }

  FakeUpstream(String ip, int port) throws IOException {
    InetAddress addr = InetAddress.getByName(ip);
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(addr, port));
      try {
        t = new ServerSocket();
        t.setReuseAddress(true);
        t.bind(new InetSocketAddress(addr, u.getLocalPort()));
      } catch (IOException e) {
        u.close();
        t = null;
        if (port != 0) {
          throw e;
        }
      }
    }
    this.udp = u;
    this.tcpServer = t;
    this.spoofer = new DatagramSocket(new InetSocketAddress(addr, 0));
    Thread ut = new Thread(this::udpLoop, "fake-upstream-udp");
    ut.setDaemon(true);
    ut.start();
    Thread tt = new Thread(this::acceptLoop, "fake-upstream-tcp");
    tt.setDaemon(true);
    tt.start();
  }

  static Message answer(Message query, String ip) throws IOException {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.addRecord(query.getQuestion(), Section.QUESTION);
    Name name = query.getQuestion().getName();
    if (query.getQuestion().getType() == org.xbill.DNS.Type.A) {
      m.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName(ip)), Section.ANSWER);
    }
    return m;
  }

  static Message rcode(Message query, int rcode) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    return m;
  }

  static final int NOERROR = Rcode.NOERROR;

  void behave(Behavior b) {
    this.behavior = b;
  }

  int port() {
    return udp.getLocalPort();
  }

  /**
   * UDP sockets of this process connected to this upstream, from {@code /proc/net/udp} (Linux):
   * how a test sees forward open and close its sockets.
   */
  long connectedUdpSockets() throws IOException {
    byte[] a = udp.getLocalAddress().getAddress();
    String remote =
        String.format("%02X%02X%02X%02X:%04X", a[3], a[2], a[1], a[0], udp.getLocalPort());
    try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/net/udp"))) {
      return lines
          .map(l -> l.trim().split("\\s+"))
          .filter(f -> f.length > 2 && f[2].equals(remote))
          .count();
    }
  }

  String ip() {
    return udp.getLocalAddress().getHostAddress();
  }

  /** {@code IP:PORT}, a forward TO. */
  String address() {
    return ip() + ":" + port();
  }

  List<Message> queries() {
    return queries;
  }

  int total() {
    return udpQueries.get() + tcpQueries.get();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] raw = java.util.Arrays.copyOf(p.getData(), p.getLength());
      udpQueries.incrementAndGet();
      dispatch(raw, false, p.getSocketAddress(), null);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = tcpServer.accept();
      } catch (IOException e) {
        return;
      }
      tcpConnections.incrementAndGet();
      connections.add(s);
      Thread t = new Thread(() -> connectionLoop(s), "fake-upstream-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void connectionLoop(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        int len = in.readUnsignedShort();
        byte[] raw = new byte[len];
        in.readFully(raw);
        tcpQueries.incrementAndGet();
        dispatch(raw, true, s.getRemoteSocketAddress(), out);
      }
    } catch (EOFException e) {
      // client closed
    } catch (IOException e) {
      // closed
    } finally {
      connections.remove(s);
    }
  }

  /** Accepted TCP connections the client has not closed yet. */
  int openConnections() {
    return connections.size();
  }

  private void dispatch(byte[] raw, boolean tcp, SocketAddress client, OutputStream out) {
    try {
      Exchange e = new Exchange(raw, tcp, client, out);
      queries.add(e.query);
      behavior.handle(e);
    } catch (Exception e) {
      // a behaviour that fails is a silent upstream
    }
  }

  /** Closes every accepted TCP connection (the upstream restarting, say). */
  void dropConnections() throws IOException {
    for (Socket s : connections) {
      s.close();
    }
    connections.clear();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    udp.close();
    spoofer.close();
    tcpServer.close();
    dropConnections();
    timers.shutdownNow();
  }
}
