package io.moatwatch.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time per output directory: the run holds an operating-system lock on {@code <output>/_lock} for
 * as long as it runs, so a second run started by hand (or by a second scheduler) on the same output refuses at
 * once instead of deleting the first one's staging. The OS releases the lock when the process ends, however it
 * ends, so a crashed run never leaves a stale lock. Local (and NFS-mounted) outputs only: on HDFS or an object
 * store there is no such lock, and the job says so in its log ({@code jobs/nightly.sh}'s lock then is the guard).
 */
public final class OutputLock implements AutoCloseable {
  static final String FILE = "_lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Another run holds the output. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /**
   * Locks the local directory {@code output} for run {@code runId}, creating it if needed; fails at once, naming
   * the holder, when another process (or another run in this JVM) holds it.
   */
  public static OutputLock acquire(Path output, String runId) throws IOException, HeldException {
    Files.createDirectories(output);
    Path file = output.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new HeldException("another run is using " + output + " (" + (holder.isEmpty() ? "holder unknown" : holder)
          + "); not starting. Runs on one output must not overlap: wait for it, or use another --output");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(("run " + runId + ", pid " + ProcessHandle.current().pid() + ", since "
        + Instant.now()).getBytes(StandardCharsets.UTF_8)));
    channel.force(false);
    return new OutputLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
