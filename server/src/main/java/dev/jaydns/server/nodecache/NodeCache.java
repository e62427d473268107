package dev.jaydns.server.nodecache;

import dev.jaydns.server.EmbeddedJay;
import dev.jaydns.server.JayOptions;
import dev.jaydns.server.StartupException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jay as NodeLocal DNSCache's {@code node-cache}: renders the Corefile from {@code Corefile.base},
 * sets up the dummy interface before the listeners bind, serves, writes the pidfile, then keeps
 * the iptables rules and the interface in place and the Corefile in step with its ConfigMaps on
 * one supervisor thread (never an event loop), and removes rules and interface on a graceful
 * exit unless {@code -skipteardown}.
 */
public final class NodeCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");
  /** node-cache polls both ConfigMap folders at this period. */
  static final long CONFIG_POLL_SECONDS = 10;

  /**
   * What the process takes from its surroundings, replaceable in tests.
   *
   * @param env the environment ({@code <UPSTREAMSVC>_SERVICE_HOST}, Corefile {@code {$VAR}})
   * @param resolvConf what {@code __PILLAR__UPSTREAM__SERVERS__} becomes without custom upstreams
   * @param commands how {@code ip} and {@code iptables} run (a network-namespace prefix in tests)
   * @param onFatal what a fatal plugin condition does; null exits with status 1
   * @param jayOptions event loops and the like
   */
  public record Environment(
      Map<String, String> env,
      String resolvConf,
      Commands commands,
      Consumer<String> onFatal,
      JayOptions jayOptions) {

    /** The real process: its environment, /etc/resolv.conf, the host's tools. */
    public static Environment process() {
      return new Environment(
          System.getenv(), "/etc/resolv.conf", Commands.host(), null, JayOptions.defaults());
    }
  }

  private final NodeCacheFlags flags;
  private final EmbeddedJay jay;
  private final SetupErrors errors;
  private final NetworkSetup network;
  private final ScheduledExecutorService supervisor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nodecache");
            t.setDaemon(true);
            return t;
          });
  private MetricsEndpoint metrics;
  private ConfigSync sync;
  private boolean stopped;

  private NodeCache(NodeCacheFlags flags, EmbeddedJay jay, SetupErrors errors, NetworkSetup network) {
    this.flags = flags;
    this.jay = jay;
    this.errors = errors;
    this.network = network;
  }

  /**
   * Runs node-cache's startup in its order and returns once Jay serves; the network setup then
   * runs on the supervisor thread. A failure here is fatal and leaves what was set up in place, as
   * node-cache's fatal exits do.
   */
  public static NodeCache start(NodeCacheFlags flags, Environment environment) throws StartupException {
    LOG.info("Starting node-cache image: {}", EmbeddedJay.versionLine());
    InetAddress clusterDns = upstreamAddress(flags.upstreamSvc(), environment.env());
    Path conf = Path.of(flags.conf());
    EmbeddedJay jay =
        EmbeddedJay.create(conf, environment.env(), flags.dnsPort(), options(flags, environment), environment.onFatal());
    SetupErrors errors = new SetupErrors(jay.registry());
    NetworkSetup network = NetworkSetup.of(flags, environment.commands(), errors);
    NodeCache app = new NodeCache(flags, jay, errors, network);
    try {
      app.init(clusterDns, environment);
      jay.start();
    } catch (StartupException | RuntimeException e) {
      app.stopServing(() -> {});
      throw e;
    }
    app.serving();
    return app;
  }

  private static JayOptions options(NodeCacheFlags flags, Environment environment) {
    JayOptions o = environment.jayOptions();
    return flags.pluginsDir() == null ? o : o.withPluginsDir(Path.of(flags.pluginsDir()));
  }

  /**
   * The ClusterIP of {@code -upstreamsvc}, from {@code <NAME>_SERVICE_HOST} only; missing or
   * unparsable is a warning and renders as {@code <nil>}.
   */
  static InetAddress upstreamAddress(String service, Map<String, String> env) {
    String var = service.toUpperCase(Locale.ROOT).replace('-', '_') + "_SERVICE_HOST";
    String value = env.get(var);
    InetAddress ip = value == null ? null : IpText.parse(value);
    if (ip == null) {
      LOG.warn("Unable to lookup IP address of Upstream service {}, env {} `{}`", service, var, value == null ? "" : value);
    }
    return ip;
  }

  private void init(InetAddress clusterDns, Environment environment) {
    try {
      metrics = MetricsEndpoint.start(jay.vertx(), jay.registry(), flags.metricsListenAddress());
    } catch (Exception e) {
      LOG.error("Failed to start metrics handler: {}", rootMessage(e));
    }
    Path kubeDnsDir = kubeDnsDir(flags.kubeDnsCm());
    sync =
        new ConfigSync(
            Path.of(flags.baseCorefile()),
            kubeDnsDir,
            Path.of(flags.conf()),
            new CorefileTemplate.Inputs(
                clusterDns,
                flags.localIpTexts(),
                flags.localPort(),
                flags.prometheusListenAddress(),
                environment.resolvConf()),
            errors,
            flags.reloadWithSignal() ? jay::reloadNow : () -> {});
    sync.initial();
    long poll = CONFIG_POLL_SECONDS;
    supervisor.scheduleWithFixedDelay(sync::poll, poll, poll, TimeUnit.SECONDS);
    // The interface must hold the local IPs before the listeners bind to them.
    network.setupInterface();
  }

  /** {@code -kubednscm}, else {@code /etc/kube-dns} when it exists, else none. */
  private static Path kubeDnsDir(String flag) {
    if (!flag.isEmpty()) {
      return Path.of(flag);
    }
    Path legacy = Path.of("/etc/kube-dns");
    return Files.isDirectory(legacy) ? legacy : null;
  }

  /**
   * Listeners are up: the pidfile, then the full network setup at once and on every sync tick.
   * node-cache waits for its own pidfile because it cannot otherwise tell that CoreDNS serves (and
   * without one waits a whole interval, kubernetes/dns#448); Jay knows, so the rules go in now.
   */
  private void serving() throws StartupException {
    if (!flags.pidfile().isEmpty()) {
      try {
        Files.writeString(Path.of(flags.pidfile()), ProcessHandle.current().pid() + "\n");
      } catch (IOException e) {
        stopServing(() -> {});
        throw new StartupException("could not write pidfile: " + e.getMessage(), e);
      }
    }
    long period = flags.syncInterval().toMillis();
    supervisor.scheduleWithFixedDelay(network::setupAll, 0, period, TimeUnit.MILLISECONDS);
  }

  /** The Corefile now: re-read and applied (SIGUSR1). */
  public void reloadNow() {
    jay.reloadNow();
  }

  /** Graceful exit: teardown (unless {@code -skipteardown}), then stop serving. */
  @Override
  public void close() {
    shutdown(!flags.skipTeardown());
  }

  /**
   * Stops the supervisor (waiting for a command in progress); then, as node-cache: keeps serving
   * through the lameduck with the rules in place, tears down when asked, lets queries in flight
   * finish and stops Jay.
   */
  public synchronized void shutdown(boolean teardown) {
    if (stopped) {
      return;
    }
    stopSupervisor();
    stopServing(teardown ? network::teardown : () -> {});
  }

  private void stopSupervisor() {
    supervisor.shutdownNow();
    try {
      supervisor.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void stopServing(Runnable afterLameduck) {
    if (stopped) {
      return;
    }
    stopped = true;
    stopSupervisor();
    if (metrics != null) {
      metrics.close();
    }
    try {
      jay.close(afterLameduck);
    } catch (StartupException e) {
      LOG.error("shutdown: {}", e.getMessage());
    }
    if (!flags.pidfile().isEmpty()) {
      try {
        Files.deleteIfExists(Path.of(flags.pidfile()));
      } catch (IOException e) {
        LOG.warn("could not remove pidfile: {}", e.getMessage());
      }
    }
  }

  SetupErrors setupErrors() {
    return errors;
  }

  /** The port node-cache's own metrics endpoint got, or -1 when it could not listen. */
  int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Runs one full network check now on the supervisor thread and waits for it (tests). */
  void syncNetworkNow() throws Exception {
    supervisor.submit(network::setupAll).get(60, TimeUnit.SECONDS);
  }

  /** Runs one ConfigMap poll now on the supervisor thread and waits for it (tests). */
  void syncConfigNow() throws Exception {
    supervisor.submit(sync::poll).get(60, TimeUnit.SECONDS);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
