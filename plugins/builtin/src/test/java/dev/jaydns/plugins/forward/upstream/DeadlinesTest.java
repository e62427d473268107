package dev.jaydns.plugins.forward.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The single-timer deadline list behind forward's read timeouts, on a real event loop. */
class DeadlinesTest {

  private final EventLoop loop = new DefaultEventLoop();
  private final List<String> expired = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }

  private Exchange exchange(String name) {
    Exchange ex =
        new Exchange(
            new byte[12],
            12,
            0,
            new ExchangeCallback() {
              @Override
              public void onReply(byte[] reply) {}

              @Override
              public void onError(Throwable error) {}
            });
    ex.holder = e -> expired.add(name);
    return ex;
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  @Test
  void expiresInDeadlineOrderWhateverTheOrderOfArrival() throws Exception {
    Deadlines d = new Deadlines(loop);
    onLoop(
        () -> {
          long now = System.nanoTime();
          d.add(exchange("late"), now + ms(300));
          d.add(exchange("early"), now + ms(100));
          d.add(exchange("middle"), now + ms(200));
          d.add(exchange("last"), now + ms(400));
          return null;
        });
    waitFor(4);
    assertThat(expired).containsExactly("early", "middle", "late", "last");
    assertThat(onLoop(d::isEmpty)).isTrue();
  }

  @Test
  void anEndedExchangeNeverExpiresAndTheOthersStillDo() throws Exception {
    Deadlines d = new Deadlines(loop);
    Exchange first = exchange("first");
    onLoop(
        () -> {
          long now = System.nanoTime();
          d.add(first, now + ms(100));
          d.add(exchange("second"), now + ms(150));
          d.add(exchange("third"), now + ms(150));
          return null;
        });
    // The earliest ends before its time: the timer armed for it finds nothing due and re-arms.
    onLoop(
        () -> {
          first.fail(new RuntimeException("ended"));
          return null;
        });
    waitFor(2);
    Thread.sleep(150);
    assertThat(expired).containsExactly("second", "third");
    assertThat(first.deadlines).isNull();
  }

  @Test
  void anEarlierDeadlineAddedLaterMovesTheTimerForward() throws Exception {
    Deadlines d = new Deadlines(loop);
    long start = System.nanoTime();
    onLoop(
        () -> {
          d.add(exchange("slow"), start + ms(5_000));
          d.add(exchange("quick"), start + ms(50));
          return null;
        });
    waitFor(1);
    assertThat(expired).containsExactly("quick");
    assertThat(System.nanoTime() - start).isLessThan(ms(4_000));
  }

  private void waitFor(int count) throws InterruptedException {
    long until = System.nanoTime() + ms(5_000);
    while (expired.size() < count && System.nanoTime() < until) {
      Thread.sleep(10);
    }
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
