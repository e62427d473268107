package dev.jaydns.plugins.forward.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Probes one upstream after an exchange with it failed, as CoreDNS does: {@code DOMAIN IN NS}
 * (RD=1 unless {@code no_rec}, no EDNS), any reply counts as healthy and stops the probing, each
 * failure adds one to the upstream's fail count and the probe repeats every interval until one
 * succeeds. One probe loop per upstream at a time.
 */
public final class HealthChecker {

  private final Upstream upstream;
  private final EventLoop home;
  private final byte[] probe;
  private final int questionEnd;
  private final Proto proto;
  private final long intervalNanos;
  private final long timeoutNanos;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean stopped;
  private ScheduledFuture<?> next;

  /**
   * @param home the event loop the probes run on
   * @param domain the name probed, fully qualified
   * @param recursionDesired RD bit of the probe
   * @param proto UDP, or TCP for {@code force_tcp} (a TLS upstream always probes over TLS)
   * @param interval the pause between failed probes; zero disables probing
   * @param timeout how long one probe waits
   */
  public HealthChecker(
      Upstream upstream,
      EventLoop home,
      String domain,
      boolean recursionDesired,
      Proto proto,
      long intervalNanos,
      long timeoutNanos) {
    this.upstream = upstream;
    this.home = home;
    this.probe = probeQuery(domain, recursionDesired);
    this.questionEnd = probe.length;
    this.proto = proto;
    this.intervalNanos = intervalNanos;
    this.timeoutNanos = timeoutNanos;
  }

  /** A query for {@code domain} NS IN with ID 0 (the exchange sets a random one). */
  static byte[] probeQuery(String domain, boolean rd) {
    String d = domain.equals(".") ? "" : domain.substring(0, domain.length() - 1);
    int nameLength = d.isEmpty() ? 1 : d.length() + 2;
    byte[] q = new byte[12 + nameLength + 4];
    q[2] = (byte) (rd ? 0x01 : 0x00);
    q[5] = 1;
    int pos = 12;
    if (!d.isEmpty()) {
      for (String label : d.split("\\.")) {
        q[pos++] = (byte) label.length();
        for (int i = 0; i < label.length(); i++) {
          q[pos++] = (byte) label.charAt(i);
        }
      }
    }
    q[pos++] = 0;
    q[pos + 1] = 2;
    q[pos + 3] = 1;
    return q;
  }

  /** Starts the probe loop unless it runs already (or probing is off). */
  void trigger() {
    if (intervalNanos <= 0 || stopped) {
      return;
    }
    if (running.compareAndSet(false, true)) {
      home.execute(this::probe);
    }
  }

  /** True while probes are being sent. */
  public boolean running() {
    return running.get();
  }

  void stop() {
    stopped = true;
    if (home.inEventLoop()) {
      cancel();
    } else {
      home.execute(this::cancel);
    }
  }

  private void cancel() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
    running.set(false);
  }

  private void probe() {
    next = null;
    if (stopped) {
      running.set(false);
      return;
    }
    upstream.exchange(
        home,
        probe.clone(),
        questionEnd,
        proto,
        System.nanoTime(),
        timeoutNanos,
        new ExchangeCallback() {
          @Override
          public void onReply(byte[] reply) {
            upstream.failCounter().set(0);
            running.set(false);
          }

          @Override
          public void onError(Throwable error) {
            upstream.failCounter().incrementAndGet();
            upstream.metrics().healthcheckFailure();
            if (stopped) {
              running.set(false);
              return;
            }
            next = home.schedule(HealthChecker.this::probe, intervalNanos, TimeUnit.NANOSECONDS);
          }
        });
  }
}
