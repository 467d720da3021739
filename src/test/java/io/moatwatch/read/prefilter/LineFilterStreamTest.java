package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFilterStreamTest {

  /**
   * The lines as BufferedReader reads {@code text} through a filter armed after {@code armAfter} bytes, whose
   * buffers of {@code parallelBytes} or more have their line ends searched in pieces on several threads.
   */
  private static List<String> filtered(String text, int bufferSize, int parallelBytes, int armAfter, LineTest test,
      List<Long> tested) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    LineFilterStream s = new LineFilterStream(new ByteArrayInputStream(bytes), bufferSize, Math.max(1, bufferSize / 2),
        parallelBytes);
    List<String> out = new ArrayList<>();
    byte[] first = new byte[armAfter];
    int got = 0;
    while (got < armAfter) {
      int n = s.read(first, got, armAfter - got);
      if (n < 0) {
        break;
      }
      got += n;
    }
    s.arm((b, from, to, line) -> {
      tested.add(line);
      return test.keep(b, from, to, line);
    });
    // what came before arming, then the rest: decoded as one text, as the reader above the stream would
    java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
    both.write(first, 0, got);
    both.write(s.readAllBytes());
    String all = both.toString(StandardCharsets.UTF_8);
    BufferedReader r = new BufferedReader(new StringReader(all));
    String line;
    while ((line = r.readLine()) != null) {
      out.add(line);
    }
    return out;
  }

  private static List<String> lines(String text) throws Exception {
    BufferedReader r = new BufferedReader(new StringReader(text));
    List<String> out = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      out.add(line);
    }
    return out;
  }

  @Test
  void refusedLinesComeOutBlankAndNumberedAsBufferedReaderNumbersThem() throws Exception {
    Random random = new Random(16);
    String[] terminators = {"\n", "\r\n", "\r"};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      boolean many = round % 10 == 0; // enough lines for blocks tested in parallel
      int n = 1 + random.nextInt(many ? 3000 : 40);
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        String content = kind == 0 ? "" : kind == 1 ? "  \t" : kind == 2 ? "\u2003"
            : (random.nextBoolean() ? "keep " : "drop ") + "é".repeat(random.nextInt(3)) + "x".repeat(random.nextInt(60));
        text.append(content);
        if (i < n - 1 || random.nextBoolean()) {
          text.append(terminators[random.nextInt(3)]);
        }
      }
      String t = text.toString();
      List<String> original = lines(t);
      int armAfter = random.nextInt(t.length() + 1);
      List<Long> tested = java.util.Collections.synchronizedList(new ArrayList<>());
      // half the rounds search line ends in pieces from a few bytes on, so pieces start and end everywhere
      int parallelBytes = random.nextBoolean() ? 1 + random.nextInt(many ? 2000 : 20) : LineFilterStream.PARALLEL_BYTES;
      List<String> got = filtered(t, many ? 40000 + random.nextInt(4096) : 4 + random.nextInt(40), parallelBytes,
          Math.min(armAfter, t.getBytes(StandardCharsets.UTF_8).length),
          (b, from, to, line) -> {
            String s = new String(b, from, to - from, StandardCharsets.UTF_8);
            assertThat(s).isEqualTo(original.get((int) line - 1)); // the number names this very line
            return s.startsWith("keep");
          }, tested);
      assertThat(got).as("round %d: %s", round, t).hasSize(original.size());
      java.util.Set<Long> testedSet = new java.util.HashSet<>(tested);
      for (int i = 0; i < original.size(); i++) {
        String o = original.get(i);
        boolean wasTested = testedSet.contains((long) i + 1);
        if (wasTested && !o.startsWith("keep")) {
          assertThat(got.get(i)).as("round %d line %d", round, i + 1).isEqualTo(" ");
        } else {
          assertThat(got.get(i)).as("round %d line %d", round, i + 1).isEqualTo(o);
        }
        if (o.isBlank()) {
          assertThat(wasTested).as("blank lines are not tested").isFalse();
        }
      }
      assertThat(tested).doesNotHaveDuplicates();
    }
  }

  @Test
  void countsRefusedLinesAndTestsFromTheFirstLineThatStartsAfterArming() throws Exception {
    byte[] text = "{\"a\":1}\n{\"drop\":2}\n{\"keep\":3}\r\n\n{\"drop\":4}".getBytes(StandardCharsets.UTF_8);
    LineFilterStream s = new LineFilterStream(new ByteArrayInputStream(text), 8, 4, 2);
    byte[] head = new byte[3];
    assertThat(s.read(head, 0, 3)).isEqualTo(3); // inside line 1
    s.arm((b, from, to, line) -> new String(b, from, to - from, StandardCharsets.UTF_8).contains("keep"));
    String rest = new String(s.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(rest).isEqualTo("\":1}\n \n{\"keep\":3}\r\n\n ");
    assertThat(s.refused()).isEqualTo(2);
    assertThat(s.firstTested()).isEqualTo(2);
  }

  @Test
  void aLineLongerThanTheBufferIsTestedWhole() throws Exception {
    String longLine = "{\"body\":\"" + "x".repeat(100_000) + " rocm\"}";
    byte[] text = ("{}\n" + longLine + "\n{\"body\":\"nothing\"}\n").getBytes(StandardCharsets.UTF_8);
    LineFilterStream s = new LineFilterStream(new ByteArrayInputStream(text), 16, 8, 4);
    s.arm((b, from, to, line) -> new String(b, from, to - from, StandardCharsets.UTF_8).contains("rocm"));
    List<String> out = new ArrayList<>();
    new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8)).lines().forEach(out::add);
    assertThat(out).containsExactly(" ", longLine, " "); // the first line too is tested: armed at the start
  }
}
