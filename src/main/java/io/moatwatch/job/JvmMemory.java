package io.moatwatch.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** What this JVM has used, for the run manifest and the benchmark. */
public final class JvmMemory {
  private JvmMemory() {}

  /** The peak heap this JVM has used so far, summed over its heap pools, in MB. */
  public static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
