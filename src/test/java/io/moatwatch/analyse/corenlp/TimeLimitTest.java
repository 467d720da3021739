package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The time limit with stand-in work (sleeps and latches stand in for a slow CoreNLP call; the real pipeline under
 * a limit is exercised by SampleRunIT's time-limit run).
 */
class TimeLimitTest {
  @Test
  void fastWorkReturnsItsResult() throws Exception {
    try (TimeLimit limit = new TimeLimit(5)) {
      assertThat(limit.call(() -> "done")).isEqualTo("done");
      assertThat(limit.call(() -> 42)).isEqualTo(42);
    }
  }

  @Test
  void slowWorkTimesOutIsInterruptedAndDoesNotDelayTheNextCall() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TimeLimit limit = new TimeLimit(0.2)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> limit.call(() -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
        return "late";
      })).isInstanceOf(TimeoutException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the slow work was interrupted").isTrue();
      assertThat(limit.call(() -> "next")).isEqualTo("next");
    }
  }

  @Test
  void aStuckThreadIsLeftBehindNotWaitedFor() throws Exception {
    AtomicBoolean release = new AtomicBoolean();
    try (TimeLimit limit = new TimeLimit(0.2)) {
      assertThatThrownBy(() -> limit.call(() -> {
        while (!release.get()) {
          Thread.onSpinWait(); // ignores interrupts, like code that never checks them
        }
        return "stuck";
      })).isInstanceOf(TimeoutException.class);
      assertThat(limit.call(() -> "served by a new thread")).isEqualTo("served by a new thread");
    } finally {
      release.set(true);
    }
  }

  @Test
  void errorsOfTheWorkAreRethrownAsTheyAre() {
    try (TimeLimit limit = new TimeLimit(5)) {
      assertThatThrownBy(() -> limit.call(() -> {
        throw new IllegalArgumentException("bad text");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad text");
    }
    try (TimeLimit none = new TimeLimit(0)) {
      assertThatThrownBy(() -> none.call(() -> {
        throw new IllegalArgumentException("bad text");
      })).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
