package dev.jaydns.plugins.ready;

import dev.jaydns.plugin.Lifecycle;
import dev.jaydns.plugin.Readiness;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins {@code /ready} asks on one address: the union of every block of the configuration
 * that names the address, as CoreDNS's list. A plugin registered with {@code until-ready} is
 * dropped from the list once it said it was ready.
 */
final class ReadinessList {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/ready");

  private record Entry(String name, Readiness readiness, boolean untilReady) {}

  private final Lifecycle lifecycle;
  /** Guarded by this; a null slot is a plugin that was ready once under until-ready. */
  private final List<Entry> entries = new ArrayList<>();

  ReadinessList(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  synchronized void add(String name, Readiness readiness, ReadyConfig.Monitor monitor) {
    entries.add(new Entry(name, readiness, monitor == ReadyConfig.Monitor.UNTIL_READY));
  }

  /** The sorted names of the plugins not ready now; empty when all are. */
  synchronized List<String> notReady() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e == null) {
        continue;
      }
      if (e.readiness().ready()) {
        if (e.untilReady()) {
          entries.set(i, null);
        }
      } else {
        names.add(e.name());
      }
    }
    Collections.sort(names);
    return names;
  }

  void serve(HttpServerRequest request) {
    if (lifecycle.shuttingDown()) {
      request.response().setStatusCode(503).end("Shutting down");
      return;
    }
    List<String> names = notReady();
    if (names.isEmpty()) {
      request.response().end("OK");
      return;
    }
    String list = String.join(",", names);
    LOG.info("Plugins not ready: \"{}\"", list);
    request.response().setStatusCode(503).end(list);
  }
}
