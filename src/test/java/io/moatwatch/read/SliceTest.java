package io.moatwatch.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of a file hold each of its lines exactly once, in order: for an uncompressed file and for a
 * {@code .bz2} of several compressed blocks, on the local file system through Hadoop's line reader.
 */
class SliceTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @Test
  void thePartsOfAnUncompressedFileHoldEachLineOnce() throws Exception {
    Random random = new Random(3);
    for (int round = 0; round < 40; round++) {
      List<String> lines = randomLines(random, random.nextInt(300));
      String text = join(lines, random);
      Path file = dir.resolve("f" + round + ".jsonl");
      Files.writeString(file, text);
      long part = 1 + random.nextInt(2000);
      assertThat(readInParts(file, Files.size(file), part)).as("round %d, parts of %d bytes", round, part)
          .isEqualTo(lines(text));
    }
  }

  @Test
  void thePartsOfABzip2FileOfManyBlocksHoldEachLineOnce() throws Exception {
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      // random letters: bzip2 cannot squeeze them much, so 100 kB blocks end every ~1,500 lines
      StringBuilder l = new StringBuilder("{\"n\":" + i + ",\"body\":\"");
      for (int k = random.nextInt(120); k > 0; k--) {
        l.append((char) ('a' + random.nextInt(26)));
      }
      lines.add(l.append("\"}").toString());
    }
    Path file = dir.resolve("RC.jsonl.bz2");
    try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(file), 1)) {
      o.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    long size = Files.size(file);
    assertThat(size).as("several 100 kB blocks").isGreaterThan(1_000_000);
    for (long part : new long[] {size / 3 + 1, 250_000, 99_999, size + 1}) {
      assertThat(readInParts(file, size, part)).as("parts of %d bytes", part).isEqualTo(lines);
    }
    assertThat(Slice.splittable(file.toString())).isTrue();
    assertThat(Slice.splittable("RC_2026-11.zst")).isFalse();
  }

  private List<String> readInParts(Path file, long size, long part) throws Exception {
    List<String> out = new ArrayList<>();
    for (Slice s : Slice.parts(file.toUri().toString(), size, part)) {
      try (InputStream in = s.lines(new org.apache.hadoop.fs.Path(s.file()), CONF)) {
        out.addAll(lines(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static List<String> randomLines(Random random, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(random.nextInt(10) == 0 ? "" : "{\"n\":" + i + ",\"x\":\"" + "y".repeat(random.nextInt(50)) + "\"}");
    }
    return lines;
  }

  private static String join(List<String> lines, Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      text.append(lines.get(i));
      if (i < lines.size() - 1 || random.nextBoolean()) {
        text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
    }
    return text.toString();
  }

  /** The lines of {@code text} as BufferedReader reads them. */
  private static List<String> lines(String text) throws Exception {
    List<String> out = new ArrayList<>();
    new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(
        text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)).lines().forEach(out::add);
    return out;
  }
}
