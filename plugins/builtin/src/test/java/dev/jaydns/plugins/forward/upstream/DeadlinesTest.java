package dev.jaydns.plugins.forward.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private static final long MS = 1_000_000;

  private final EventLoop loop = new DefaultEventLoop();
  private final Deadlines deadlines = new Deadlines(loop);
  private final List<String> timedOut = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void exchangesTimeOutInDeadlineOrderAndAnsweredOnesNever() throws Exception {
    CountDownLatch done = new CountDownLatch(3);
    onLoop(
        () -> {
          long now = System.nanoTime();
          Exchange a = exchange("a", now, 60 * MS, done);
          Exchange b = exchange("b", now + MS, 60 * MS, done);
          Exchange answered = exchange("answered", now + 2 * MS, 60 * MS, done);
          Exchange c = exchange("c", now + 3 * MS, 60 * MS, done);
          for (Exchange ex : List.of(a, b, answered, c)) {
            deadlines.add(ex);
          }
          assertThat((Object) a.timer).as("in order: no timer of its own").isNull();
          answered.reply(new byte[12]);
          assertThat(deadlines.size()).isEqualTo(3);
        });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(timedOut).containsExactly("a", "b", "c");
    onLoop(() -> assertThat(deadlines.size()).isZero());
  }

  @Test
  void aDeadlineBeforeTheLastOneGetsItsOwnTimerAndIsNotLate() throws Exception {
    CountDownLatch done = new CountDownLatch(2);
    onLoop(
        () -> {
          long now = System.nanoTime();
          Exchange slow = exchange("slow", now, 2_000 * MS, done);
          // An attempt cut short by its query's budget: due long before the one listed ahead of it.
          Exchange cut = exchange("cut", now + MS, 50 * MS, done);
          deadlines.add(slow);
          deadlines.add(cut);
          assertThat((Object) cut.timer).isNotNull();
          assertThat(deadlines.size()).isEqualTo(1);
        });
    long start = System.nanoTime();
    while (timedOut.isEmpty() && System.nanoTime() - start < 5_000 * MS) {
      Thread.sleep(5);
    }
    assertThat(timedOut).as("cut times out while slow still waits").containsExactly("cut");
    onLoop(() -> assertThat(deadlines.size()).isEqualTo(1));
  }

  @Test
  void anAttemptStartedByATimeoutIsWatchedToo() throws Exception {
    CountDownLatch done = new CountDownLatch(2);
    onLoop(
        () -> {
          Exchange first =
              new Exchange(new byte[12], 12, System.nanoTime(), 30 * MS, callback())
                  .holderForTest(
                      ex -> {
                        timedOut.add("first");
                        done.countDown();
                        // What Resolution does on a timeout: the next attempt, on the same loop.
                        Exchange retry = exchange("retry", System.nanoTime(), 30 * MS, done);
                        deadlines.add(retry);
                      });
          deadlines.add(first);
        });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(timedOut).containsExactly("first", "retry");
  }

  private Exchange exchange(String name, long start, long timeout, CountDownLatch done) {
    return new Exchange(new byte[12], 12, start, timeout, callback())
        .holderForTest(
            ex -> {
              ex.fail(new java.net.SocketTimeoutException(name));
              timedOut.add(name);
              done.countDown();
            });
  }

  private static ExchangeCallback callback() {
    return new ExchangeCallback() {
      @Override
      public void onReply(byte[] reply) {}

      @Override
      public void onError(Throwable error) {}
    };
  }

  private void onLoop(Runnable r) throws Exception {
    loop.submit(r).get(5, TimeUnit.SECONDS);
  }
}
