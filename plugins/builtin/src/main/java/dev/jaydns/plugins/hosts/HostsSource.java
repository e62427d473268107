package dev.jaydns.plugins.hosts;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries one {@code hosts} directive serves: the file's, swapped whole on each reload, and
 * the inline ones, fixed at setup. Lookups read a volatile reference and never lock.
 */
public final class HostsSource {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/hosts");

  private final HostsConfig config;
  private final HostsMap inline;
  private volatile HostsMap file = HostsMap.EMPTY;
  private volatile long reloadedAtMillis;
  // Only the reload task (one at a time) touches these.
  private long mtime = Long.MIN_VALUE;
  private long size = -1;
  private boolean warnedMissing;

  public HostsSource(HostsConfig config) {
    this.config = config;
    this.inline =
        HostsMap.parse(String.join("\n", config.inline()), config.zones(), !config.noReverse());
  }

  /**
   * Re-reads the file when its modification time or size changed since the last read. Blocking
   * file I/O: run it off the event loop.
   *
   * @return true when the entries were replaced
   */
  public boolean refresh() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(config.file(), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (!warnedMissing) {
        LOG.warn("File does not exist: {}", config.file());
        warnedMissing = true;
      }
      if (file != HostsMap.EMPTY) {
        file = HostsMap.EMPTY;
        mtime = Long.MIN_VALUE;
        size = -1;
        reloadedAtMillis = System.currentTimeMillis();
        return true;
      }
      return false;
    } catch (IOException e) {
      LOG.warn("unable to access hosts file '{}': {}", config.file(), e.toString());
      return false;
    }
    warnedMissing = false;
    if (attrs.isDirectory()) {
      LOG.warn("Hosts file \"{}\" is a directory", config.file());
      return false;
    }
    long m = attrs.lastModifiedTime().toMillis();
    if (m == mtime && attrs.size() == size) {
      return false;
    }
    String text;
    try {
      text = Files.readString(config.file(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      LOG.warn("unable to read hosts file '{}': {}", config.file(), e.toString());
      return false;
    }
    file = HostsMap.parse(text, config.zones(), !config.noReverse());
    mtime = m;
    size = attrs.size();
    reloadedAtMillis = System.currentTimeMillis();
    return true;
  }

  /** IPv4 addresses of {@code name}: the file's, then the inline ones. */
  public List<InetAddress> ipv4(String name) {
    return concat(file.ipv4(name), inline.ipv4(name));
  }

  public List<InetAddress> ipv6(String name) {
    return concat(file.ipv6(name), inline.ipv6(name));
  }

  public List<String> names(InetAddress address) {
    return concat(file.names(address), inline.names(address));
  }

  public boolean hasName(String name) {
    return file.hasName(name) || inline.hasName(name);
  }

  /** The entry count of {@code coredns_hosts_entries}. */
  public int size() {
    return file.size() + inline.size();
  }

  /** When the file was last read, in epoch milliseconds (0 before the first read). */
  public long reloadedAtMillis() {
    return reloadedAtMillis;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
