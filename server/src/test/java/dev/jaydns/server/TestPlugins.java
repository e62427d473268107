package dev.jaydns.server;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Placement;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Response;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * Plugins that exist only for the server's tests, registered through the test class path's
 * {@code META-INF/services}: an answering one, one that throws, one that answers late.
 */
final class TestPlugins {

  private TestPlugins() {}

  /** {@code testanswer [ADDRESS] [COUNT]}: answers A queries with COUNT copies of ADDRESS-ish records. */
  public static final class Answer implements Plugin {
    @Override
    public String name() {
      return "testanswer";
    }

    @Override
    public Placement placement() {
      return Placement.before("whoami");
    }

    @Override
    public PluginInstance setup(PluginConfig config) throws ConfigException {
      var args = config.arguments(config.directive());
      String address = args.hasNext() ? args.nextText("ADDRESS") : "192.0.2.1";
      int count = args.hasNext() ? args.nextInt("COUNT", 1, 1000) : 1;
      args.end();
      return new PluginInstance() {
        @Override
        public dev.jaydns.plugin.Handler handler() {
          return (query, next) -> {
            Message request = query.message();
            Message reply = new Message(request.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setFlag(Flags.AA);
            if (request.getHeader().getFlag(Flags.RD)) {
              reply.getHeader().setFlag(Flags.RD);
            }
            reply.addRecord(request.getQuestion(), Section.QUESTION);
            try {
              Name name = request.getQuestion().getName();
              for (int i = 0; i < count; i++) {
                byte[] a = java.net.InetAddress.getByName(address).getAddress();
                a[3] = (byte) (a[3] + i);
                reply.addRecord(
                    new ARecord(name, request.getQuestion().getDClass(), 300,
                        java.net.InetAddress.getByAddress(a)),
                    Section.ANSWER);
              }
              reply.addRecord(
                  new TXTRecord(name, request.getQuestion().getDClass(), 0, query.transport().label()),
                  Section.ADDITIONAL);
            } catch (Exception e) {
              return Response.failed(Rcode.SERVFAIL, e);
            }
            return CompletableFuture.completedFuture(Response.of(reply));
          };
        }
      };
    }
  }

  /**
   * {@code testboom}: throws from the handler for {@code boom.*}, returns an already failed future
   * for {@code failed.*}, as buggy plugins would.
   */
  public static final class Boom implements Plugin {
    @Override
    public String name() {
      return "testboom";
    }

    @Override
    public Placement placement() {
      return Placement.before("testanswer");
    }

    @Override
    public PluginInstance setup(PluginConfig config) throws ConfigException {
      config.arguments(config.directive()).end();
      return new PluginInstance() {
        @Override
        public dev.jaydns.plugin.Handler handler() {
          return (query, next) -> {
            if (query.name().startsWith("boom.")) {
              throw new IllegalStateException("boom");
            }
            if (query.name().startsWith("failed.")) {
              return CompletableFuture.failedFuture(new IllegalStateException("failed"));
            }
            return next.handle(query);
          };
        }
      };
    }
  }

  /** {@code testslow MILLIS}: passes each query on after a delay, without blocking. */
  public static final class Slow implements Plugin {
    @Override
    public String name() {
      return "testslow";
    }

    @Override
    public Placement placement() {
      return Placement.before("testanswer");
    }

    @Override
    public PluginInstance setup(PluginConfig config) throws ConfigException {
      var args = config.arguments(config.directive());
      int millis = args.nextInt("MILLIS", 1, 60000);
      args.end();
      return new PluginInstance() {
        private io.vertx.core.Vertx vertx;

        @Override
        public java.util.concurrent.CompletionStage<Void> start(dev.jaydns.plugin.PluginContext c) {
          vertx = c.vertx();
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public dev.jaydns.plugin.Handler handler() {
          return (query, next) -> {
            CompletableFuture<Response> later = new CompletableFuture<>();
            vertx.setTimer(millis, id -> next.handle(query).whenComplete((r, e) -> {
              if (e != null) {
                later.completeExceptionally(e);
              } else {
                later.complete(r);
              }
            }));
            return later;
          };
        }
      };
    }
  }
}
