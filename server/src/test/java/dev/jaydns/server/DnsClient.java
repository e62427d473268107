package dev.jaydns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.xbill.DNS.Message;

/** Plain blocking UDP and TCP exchanges with a server on loopback, for tests. */
final class DnsClient {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private DnsClient() {}

  /** Sends one datagram and returns the reply, or null after {@code timeoutMillis}. */
  static byte[] udp(int port, byte[] query, int timeoutMillis) throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setSoTimeout(timeoutMillis);
      s.send(new DatagramPacket(query, query.length, LOOPBACK, port));
      byte[] buf = new byte[65535];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        s.receive(p);
      } catch (SocketTimeoutException e) {
        return null;
      }
      return Arrays.copyOf(buf, p.getLength());
    }
  }

  static Message udp(int port, Message query) throws IOException {
    byte[] r = udp(port, query.toWire(), 3000);
    if (r == null) {
      throw new SocketTimeoutException("no UDP answer");
    }
    return new Message(r);
  }

  static Message tcp(int port, Message query) throws IOException {
    try (Socket s = new Socket(LOOPBACK, port)) {
      s.setSoTimeout(3000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] q = query.toWire();
      out.writeShort(q.length);
      out.write(q);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int len = in.readUnsignedShort();
      byte[] r = new byte[len];
      in.readFully(r);
      return new Message(r);
    }
  }
}
