package dev.jaydns.corefile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a (transport, zone, port) written twice in one server block. The same key in two blocks
 * is fine as long as the blocks listen on different addresses ({@code bind}), which only the
 * server knows after plugin setup, so that check is the server's (spec §1.7).
 */
final class DuplicateKeys {

  private DuplicateKeys() {}

  static void check(List<ServerBlock> blocks) throws CorefileException {
    for (ServerBlock block : blocks) {
      Map<String, ServerKey> seen = new HashMap<>();
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
