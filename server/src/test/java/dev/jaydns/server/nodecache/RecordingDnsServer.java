package dev.jaydns.server.nodecache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A stand-in DNS server on a loopback address, UDP and TCP on one port: answers from a map of
 * records (NXDOMAIN otherwise) and records the name, type and transport of every query, so a test
 * can tell which upstream saw a query and how.
 */
final class RecordingDnsServer implements AutoCloseable {

  /** One query as the server saw it. */
  record Seen(String name, int type, String transport) {}

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final boolean authoritative;
  private final Map<String, List<Record>> answers = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param authoritative AA on answers (kube-dns is; a recursive resolver is not)
   */
  RecordingDnsServer(String ip, int port, boolean authoritative) throws IOException {
    this.authoritative = authoritative;
    InetAddress address = InetAddress.getByName(ip);
    this.udp = new DatagramSocket(new InetSocketAddress(address, port));
    this.tcp = new ServerSocket();
    try {
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address, udp.getLocalPort()));
    } catch (IOException e) {
      udp.close();
      tcp.close();
      throw e;
    }
    start(this::udpLoop, "udp");
    start(this::acceptLoop, "tcp");
  }

  /** A port free for UDP and TCP on every one of {@code ips}. */
  static int freePort(String... ips) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ips[0]), 0))) {
        port = probe.getLocalPort();
      }
      if (freeEverywhere(port, ips)) {
        return port;
      }
    }
    throw new IOException("no free port on " + List.of(ips));
  }

  private static boolean freeEverywhere(int port, String... ips) {
    for (String ip : ips) {
      try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
          ServerSocket t = new ServerSocket()) {
        t.setReuseAddress(true);
        t.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  int port() {
    return udp.getLocalPort();
  }

  void add(Record r) {
    answers.computeIfAbsent(key(r.getName(), r.getType()), k -> new CopyOnWriteArrayList<>()).add(r);
  }

  /** The queries for {@code name} (any case, with or without the final dot). */
  List<Seen> seen(String name) {
    String n = name.toLowerCase().endsWith(".") ? name.toLowerCase() : name.toLowerCase() + ".";
    return seen.stream().filter(s -> s.name().equals(n)).toList();
  }

  private static String key(Name name, int type) {
    return name.toString().toLowerCase() + "/" + type;
  }

  private void start(Runnable r, String what) {
    Thread t = new Thread(r, "stand-in-" + what + "-" + udp.getLocalPort());
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  private byte[] answer(byte[] query, String transport) throws IOException {
    Message q = new Message(query);
    Record question = q.getQuestion();
    seen.add(new Seen(question.getName().toString().toLowerCase(), question.getType(), transport));
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    if (q.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
    }
    if (authoritative) {
      r.getHeader().setFlag(Flags.AA);
    } else {
      r.getHeader().setFlag(Flags.RA);
    }
    r.addRecord(question, Section.QUESTION);
    List<Record> found = answers.get(key(question.getName(), question.getType()));
    if (found == null) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
    } else {
      for (Record a : found) {
        r.addRecord(a, Section.ANSWER);
      }
    }
    return r.toWire();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] query = java.util.Arrays.copyOf(p.getData(), p.getLength());
        byte[] reply = answer(query, "udp");
        udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // A malformed query: ignore it, as a server would.
      }
    }
  }

  private void acceptLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket s = tcp.accept();
        Thread t = new Thread(() -> serve(s), "stand-in-conn");
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
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        int len = in.readUnsignedShort();
        byte[] q = new byte[len];
        in.readFully(q);
        byte[] r = answer(q, "tcp");
        out.writeShort(r.length);
        out.write(r);
        out.flush();
      }
    } catch (EOFException | SocketException done) {
      // The client closed the connection.
    } catch (IOException e) {
      // Malformed: drop the connection.
    }
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
