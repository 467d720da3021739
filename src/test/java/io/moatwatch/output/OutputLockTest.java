package io.moatwatch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moatwatch.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output lock with real OS locks: in this JVM, and held by another JVM (a child process). */
class OutputLockTest {
  @TempDir
  Path dir;

  /** Run in a child JVM: holds the lock on args[0] until its standard input closes or 60 s pass. */
  public static void main(String[] args) throws Exception {
    try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), "child")) {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  void aSecondRunOnTheSameOutputIsRefusedNamingTheFirst() throws Exception {
    Path out = dir.resolve("out");
    try (OutputLock first = OutputLock.acquire(out, "run-1")) {
      assertThatThrownBy(() -> OutputLock.acquire(out, "run-2")).isInstanceOf(OutputLock.HeldException.class)
          .hasMessageStartingWith("another run is using " + out + " (run run-1, pid " + ProcessHandle.current().pid());
    }
    try (OutputLock again = OutputLock.acquire(out, "run-3")) {
      assertThat(Files.readString(out.resolve("_lock"))).startsWith("run run-3, pid ");
    }
  }

  @Test
  void anotherProcessHoldingTheOutputIsSeenAndItsEndReleasesIt() throws Exception {
    Path out = dir.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("child.log");
    Process child = Processes.command(List.of(java, "-cp", System.getProperty("java.class.path"),
        OutputLockTest.class.getName(), out.toString())).log(log).start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!(Files.exists(log) && Files.readString(log).contains("locked")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(log)).contains("locked");
      assertThatThrownBy(() -> OutputLock.acquire(out, "mine")).isInstanceOf(OutputLock.HeldException.class)
          .hasMessageContaining("(run child, pid " + child.pid());
    } finally {
      child.destroyForcibly().waitFor();
    }
    // Killed, not closed: the operating system released the lock with the process.
    try (OutputLock mine = OutputLock.acquire(out, "mine")) {
      assertThat(Files.readString(out.resolve("_lock"))).startsWith("run mine");
    }
  }
}
