package dev.jaydns.plugins.hosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A parsed {@code hosts} directive.
 *
 * @param file the hosts file, resolved against the Corefile's folder ({@code /etc/hosts} if none)
 * @param zones the zones answered from it (the block's zones if none were written)
 * @param inline the entry lines written inside the block, in hosts(5) form
 * @param ttl the TTL of every record made, in seconds
 * @param noReverse true to make no PTR records
 * @param reload how often to check the file for changes; zero disables the check
 * @param fallthrough where to pass queries without an entry
 */
public record HostsConfig(
    Path file,
    ZoneList zones,
    List<String> inline,
    long ttl,
    boolean noReverse,
    Duration reload,
    Fallthrough fallthrough) {

  public static final Path DEFAULT_FILE = Path.of("/etc/hosts");
  public static final long DEFAULT_TTL = 3600;
  public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(5);

  public HostsConfig {
    inline = List.copyOf(inline);
  }
}
