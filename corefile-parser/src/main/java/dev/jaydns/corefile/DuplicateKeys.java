package dev.jaydns.corefile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a (transport, zone, port) served twice, in two blocks or twice in one. Whether two keys
 * collide once bind addresses are known is the server's check, not this one.
 */
final class DuplicateKeys {

  private DuplicateKeys() {}

  static void check(List<ServerBlock> blocks) throws CorefileException {
    Map<String, ServerKey> seen = new HashMap<>();
    for (ServerBlock block : blocks) {
      for (ServerKey key : block.keys()) {
        ServerKey earlier = seen.putIfAbsent(key.canonical(), key);
        if (earlier != null) {
          throw new CorefileException(
              key.position(), key.canonical() + " is already defined at " + earlier.position());
        }
      }
    }
  }
}
