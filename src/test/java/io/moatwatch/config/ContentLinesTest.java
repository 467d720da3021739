package io.moatwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentLinesTest {
  @Test
  void aByteOrderMarkCommentsAndBlankLinesAreLeftOutAndLinesKeepTheirNumbers() throws Exception {
    List<String> seen = new ArrayList<>();
    ContentLines.<RuntimeException>read(new StringReader("\uFEFF  # a comment\n\n[ROCm]\r\n  aliases = rocm  \n#x\nend"),
        (n, t) -> seen.add(n + ":" + t));
    assertThat(seen).containsExactly("3:[ROCm]", "4:aliases = rocm", "6:end");
  }

  @Test
  void aMarkBeforeContentOnTheFirstLineIsRemovedToo() throws Exception {
    List<String> seen = new ArrayList<>();
    ContentLines.<RuntimeException>read(new StringReader("\uFEFF AMD | ORGANIZATION | Team Red"),
        (n, t) -> seen.add(n + ":" + t));
    assertThat(seen).containsExactly("1:AMD | ORGANIZATION | Team Red");
  }
}
