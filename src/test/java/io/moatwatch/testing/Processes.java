package io.moatwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real process for a test (spark-submit, the job scripts, python3, systemd-analyze ...): output to log
 * files the test can read and CI keeps, a time limit after which the process is killed and the test fails
 * with the command named.
 *
 * <pre>{@code
 * Processes.Result r = Processes.command(List.of("jobs/run-local.sh", "--help")).log(dir.resolve("help"))
 *     .timeout(Duration.ofMinutes(2)).run();
 * }</pre>
 */
public final class Processes {
  private Processes() {}

  /** What a finished process did: exit code, standard output, standard error (empty when merged into out). */
  public record Result(int exit, String out, String err) {}

  public static Spec command(List<String> command) {
    return new Spec(command);
  }

  /** One command to run; every setting has a default (merged output to a temporary file, 10 minutes). */
  public static final class Spec {
    private final List<String> command;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> removedPrefixes = new ArrayList<>();
    private Path log;
    private boolean separateErrors;
    private Duration timeout = Duration.ofMinutes(10);

    private Spec(List<String> command) {
      this.command = List.copyOf(command);
    }

    /** Adds or overrides environment variables. */
    public Spec env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    /** Removes the inherited variables whose names start with {@code prefix} (before {@link #env} applies). */
    public Spec withoutEnv(String prefix) {
      removedPrefixes.add(prefix);
      return this;
    }

    /**
     * Where output goes: {@code base} itself with standard error merged in, or {@code base.out} and
     * {@code base.err} after {@link #separateErrors()}.
     */
    public Spec log(Path base) {
      this.log = base;
      return this;
    }

    public Spec separateErrors() {
      this.separateErrors = true;
      return this;
    }

    public Spec timeout(Duration limit) {
      this.timeout = limit;
      return this;
    }

    /** Starts the process and returns at once (the caller waits, kills or reads the log). */
    public Process start() throws IOException {
      Path base = log != null ? log : Files.createTempFile("moatwatch-process-", ".log");
      ProcessBuilder pb = new ProcessBuilder(command);
      if (separateErrors) {
        pb.redirectOutput(out(base).toFile()).redirectError(err(base).toFile());
      } else {
        pb.redirectErrorStream(true).redirectOutput(base.toFile());
      }
      for (String prefix : removedPrefixes) {
        pb.environment().keySet().removeIf(k -> k.startsWith(prefix));
      }
      pb.environment().putAll(env);
      log = base;
      return pb.start();
    }

    /** Runs the process to its end; fails the test (after killing it) when it is not done within the limit. */
    public Result run() throws IOException, InterruptedException {
      Process p = start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + " (log: " + log + ")");
      }
      return separateErrors ? new Result(p.exitValue(), read(out(log)), read(err(log)))
          : new Result(p.exitValue(), read(log), "");
    }

    private static Path out(Path base) {
      return Path.of(base + ".out");
    }

    private static Path err(Path base) {
      return Path.of(base + ".err");
    }

    private static String read(Path file) throws IOException {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
  }
}
