package dev.jaydns.plugins.forward;

import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads a resolv.conf TO on a timer and swaps the line's upstreams when its nameservers change
 * (coredns#6715: CoreDNS reads it once). The file is read whole each time, so an in-place edit, a
 * rename over it and a Kubernetes ConfigMap symlink swap are all seen. A file that disappears or
 * lists no nameserver keeps the upstreams it had.
 */
final class ResolvConfWatcher {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/forward");

  private final Vertx vertx;
  private final ForwardHandler handler;
  private final int target;
  private final ForwardTarget.ResolvConf file;
  private List<InetSocketAddress> current;
  private long timer = -1;
  private volatile boolean stopped;
  private boolean warned;

  ResolvConfWatcher(Vertx vertx, ForwardHandler handler, int target, ForwardTarget.ResolvConf file) {
    this.vertx = vertx;
    this.handler = handler;
    this.target = target;
    this.file = file;
    this.current = file.nameservers();
  }

  void start(Duration every) {
    timer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> poll());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void poll() {
    vertx
        .fileSystem()
        .readFile(file.file().toString())
        .onComplete(
            ar -> {
              if (stopped) {
                return;
              }
              if (ar.failed()) {
                if (!warned) {
                  LOG.warn("Cannot read {}: {}; keeping its upstreams", file.text(), ar.cause().getMessage());
                  warned = true;
                }
                return;
              }
              warned = false;
              List<InetSocketAddress> servers = ResolvConf.nameservers(ar.result().toString());
              if (servers.isEmpty() || servers.equals(current)) {
                return;
              }
              if (servers.size() > ForwardConfig.MAX_UPSTREAMS) {
                servers = servers.subList(0, ForwardConfig.MAX_UPSTREAMS);
              }
              current = List.copyOf(servers);
              handler.replaceTarget(target, current);
              ForwardHandler.logReload(file.text(), current);
            });
  }
}
