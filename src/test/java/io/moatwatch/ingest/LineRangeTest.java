package io.moatwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineRangeTest {

  /** The bytes a part reads, given the file from max(0, start - 1) as Slice.open gives it. */
  private static String part(byte[] file, long start, long end) throws Exception {
    int from = (int) Math.max(0, start - 1);
    try (LineRange r = new LineRange(new ByteArrayInputStream(Arrays.copyOfRange(file, from, file.length)), start,
        end)) {
      return new String(r.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void thePartsOfAFileHoldEachOfItsLinesOnce() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(30);
      for (int i = 0; i < lines; i++) {
        text.append("{\"n\":").append(i).append(",\"x\":\"").append("y".repeat(random.nextInt(40))).append("\"}");
        if (i < lines - 1 || random.nextBoolean()) {
          text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        if (random.nextInt(8) == 0) {
          text.append("\n"); // a blank line
        }
      }
      byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
      long part = 1 + random.nextInt(60);
      StringBuilder joined = new StringBuilder();
      List<String> pieces = new ArrayList<>();
      for (long s = 0; s < file.length; s += part) {
        String piece = part(file, s, Math.min(file.length, s + part));
        pieces.add(piece);
        joined.append(piece);
      }
      assertThat(joined.toString()).as("round %d, parts of %d bytes: %s", round, part, pieces)
          .isEqualTo(text.toString());
      for (String piece : pieces) {
        assertThat(piece.isEmpty() || piece.endsWith("\n") || text.toString().endsWith(piece))
            .as("a part ends at a line end: %s", piece).isTrue();
      }
    }
  }

  @Test
  void aPartThatStartsInsideALineLeavesItToThePartBefore() throws Exception {
    byte[] file = "aaaa\nbbbb\ncccc".getBytes(StandardCharsets.UTF_8);
    assertThat(part(file, 0, 7)).isEqualTo("aaaa\nbbbb\n"); // bbbb starts at 5 < 7: read whole
    assertThat(part(file, 7, 12)).isEqualTo("cccc");        // starts inside bbbb: skips to cccc at 10
    assertThat(part(file, 12, 14)).isEmpty();               // inside the last line, which began before
    assertThat(part(file, 5, 6)).isEqualTo("bbbb\n");       // a line begins exactly at the start
  }
}
