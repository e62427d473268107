package dev.jaydns.server.nodecache;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The mounted {@code kube-dns} ConfigMap folder: its version (a SHA-256 over every file's name and
 * content, as kube-dns's sync computes it) and its validated {@code stubDomains} and {@code
 * upstreamNameservers}.
 */
final class KubeDnsConfigDir {

  /** The ConfigMap as read, or why it is unusable. */
  record Snapshot(String hash, KubeDnsConfig config, String error) {
    boolean valid() {
      return error == null;
    }
  }

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern PORT = Pattern.compile("[0-9]+");

  private KubeDnsConfigDir() {}

  /** The version of a folder: a hash over the name and content of its visible regular files. */
  static String hash(Path dir) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path file : files(dir)) {
      sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Visible regular files, sorted by name. Kubelet's {@code ..data} and timestamped folders are
   * hidden; the visible names are symlinks to regular files, which count.
   */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** Reads and validates the folder. */
  static Snapshot read(Path dir) throws IOException {
    String hash = hash(dir);
    Map<String, String> data = new TreeMap<>();
    for (Path file : files(dir)) {
      try {
        data.put(
            file.getFileName().toString(),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString());
      } catch (CharacterCodingException e) {
        return new Snapshot(hash, null, file.getFileName() + " is not valid UTF-8");
      }
    }
    try {
      return new Snapshot(hash, parse(data), null);
    } catch (IllegalArgumentException e) {
      return new Snapshot(hash, null, e.getMessage());
    }
  }

  /** The two keys node-cache understands, with kube-dns's generic checks. */
  static KubeDnsConfig parse(Map<String, String> data) {
    TreeMap<String, List<String>> stubs = new TreeMap<>();
    List<String> upstreams = new ArrayList<>();
    String stubText = data.get("stubDomains");
    if (stubText != null && !stubText.isBlank()) {
      JsonObject json;
      try {
        json = new JsonObject(stubText);
      } catch (DecodeException | ClassCastException e) {
        throw new IllegalArgumentException("stubDomains: invalid JSON: " + e.getMessage());
      }
      for (Map.Entry<String, Object> e : json) {
        if (!isSubdomain(e.getKey())) {
          throw new IllegalArgumentException("invalid domain name: \"" + e.getKey() + "\"");
        }
        if (!(e.getValue() instanceof JsonArray arr)) {
          throw new IllegalArgumentException("stubDomains: \"" + e.getKey() + "\" is not a list");
        }
        List<String> servers = strings(arr, "stubDomains " + e.getKey());
        for (String ns : servers) {
          if (!isNameserver(ns)) {
            throw new IllegalArgumentException("invalid nameserver: \"" + ns + "\"");
          }
        }
        stubs.put(e.getKey(), servers);
      }
    }
    String upText = data.get("upstreamNameservers");
    if (upText != null && !upText.isBlank()) {
      JsonArray arr;
      try {
        arr = new JsonArray(upText);
      } catch (DecodeException | ClassCastException e) {
        throw new IllegalArgumentException("upstreamNameservers: invalid JSON: " + e.getMessage());
      }
      upstreams = strings(arr, "upstreamNameservers");
      if (upstreams.size() > 3) {
        throw new IllegalArgumentException(
            "upstreamNameservers: at most 3 nameservers, got " + upstreams.size());
      }
      for (String ns : upstreams) {
        if (!isIpWithPort(ns)) {
          throw new IllegalArgumentException("invalid upstream nameserver: \"" + ns + "\"");
        }
      }
    }
    return new KubeDnsConfig(stubs, upstreams);
  }

  private static List<String> strings(JsonArray arr, String what) {
    List<String> out = new ArrayList<>();
    for (Object o : arr) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(what + ": " + o + " is not a string");
      }
      out.add(s);
    }
    return out;
  }

  /** Kubernetes' DNS-1123 subdomain. */
  static boolean isSubdomain(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A stub nameserver: an IP or a DNS-1123 name, with an optional numeric port. */
  static boolean isNameserver(String ns) {
    HostPort hp = HostPort.split(ns);
    if (hp == null) {
      return false;
    }
    if (hp.port() != null && !validPort(hp.port())) {
      return false;
    }
    return IpText.parse(hp.host()) != null || isSubdomain(hp.host());
  }

  /** An upstream nameserver: an IP, or IP:port with a port in 1..65535. */
  static boolean isIpWithPort(String ns) {
    HostPort hp = HostPort.split(ns);
    return hp != null
        && IpText.parse(hp.host()) != null
        && (hp.port() == null || validPort(hp.port()));
  }

  private static boolean validPort(String p) {
    if (!PORT.matcher(p).matches() || p.length() > 5) {
      return false;
    }
    int v = Integer.parseInt(p);
    return v >= 1 && v <= 65535;
  }

  /** {@code host}, {@code host:port} or {@code [v6]:port}, as Go's {@code SplitHostPort} sees them. */
  record HostPort(String host, String port) {
    static HostPort split(String s) {
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          return null;
        }
        String host = s.substring(1, close);
        String rest = s.substring(close + 1);
        if (rest.isEmpty()) {
          return new HostPort(host, null);
        }
        return rest.startsWith(":") ? new HostPort(host, rest.substring(1)) : null;
      }
      int first = s.indexOf(':');
      if (first >= 0 && first == s.lastIndexOf(':')) {
        return new HostPort(s.substring(0, first), s.substring(first + 1));
      }
      // No colon, or a bare IPv6 address.
      return new HostPort(s, null);
    }
  }
}
