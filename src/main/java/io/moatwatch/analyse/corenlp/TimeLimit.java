package io.moatwatch.analyse.corenlp;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work (one post's analysis) on a helper thread and gives up after a time limit, so that one pathological
 * post cannot stall a Spark task. On a timeout the helper thread is interrupted, which CoreNLP honours between
 * annotators and between sentences (the sentence length cap bounds what is left), and replaced, so the next
 * post never waits behind it. One per task; not thread-safe. Close it at the end of the task.
 */
public final class TimeLimit implements AutoCloseable {
  private final long limitNanos;
  private ExecutorService thread;

  /** @param limitSeconds the limit per call; 0 or less for none (the work then runs on the caller's thread) */
  public TimeLimit(double limitSeconds) {
    this.limitNanos = limitSeconds <= 0 ? 0 : Math.max(1, (long) (limitSeconds * 1e9));
  }

  /**
   * The work's result, or {@link TimeoutException} after the limit. Runtime exceptions of the work are rethrown
   * as they are.
   */
  public <T> T call(Callable<T> work) throws TimeoutException {
    if (limitNanos == 0) {
      return callDirectly(work);
    }
    if (thread == null) {
      thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "moatwatch-nlp-" + Thread.currentThread().getName());
        t.setDaemon(true);
        return t;
      });
    }
    Future<T> result = thread.submit(work);
    try {
      return result.get(limitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      thread.shutdownNow(); // a fresh thread for the next call: this one may still be finishing a sentence
      thread = null;
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      throw new IllegalStateException("interrupted while waiting for the analysis", e);
    }
  }

  private static <T> T callDirectly(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
  }
}
