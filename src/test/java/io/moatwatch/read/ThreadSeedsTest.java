package io.moatwatch.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.read.prefilter.LineTest;
import io.moatwatch.read.prefilter.Needles;
import io.moatwatch.read.prefilter.Prefilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass on a small Reddit file with the built-in topics: which lines it leaves to the second pass's
 * word test, which ids it finds, and that a false alarm (topic words, no topic) still reaches the second pass
 * through its thread. No Spark: {@link ThreadSeeds#seeds} is the task's work given a Hadoop configuration.
 */
class ThreadSeedsTest {
  private static TopicSet topics;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    topics = TopicsFile.load(TopicsFile.BUILTIN);
  }

  private static String comment(String id, String thread, String body, String extra) {
    return "{\"id\":\"" + id + "\",\"link_id\":\"t3_" + thread + "\",\"parent_id\":\"t3_" + thread
        + "\",\"subreddit\":\"hardware\",\"author\":\"u_" + id + "\",\"created_utc\":1764547200," + extra
        + "\"body\":\"" + body + "\"}";
  }

  @Test
  void falseAlarmsAreLeftToTheIdTestAndStillReachTheSecondPassThroughTheirThread() throws Exception {
    List<String> lines = List.of(
        comment("a0", "x0", "first line, read before the prefilter is armed", ""),
        comment("a1", "x1", "ROCm 6.2 finally works on my card", ""), // 2: on topic
        comment("a2", "x2", "cudahy is a real town", ""), // 3: a false alarm in an off-topic thread
        comment("a3", "x1", "hip hop was better in the nineties", ""), // 4: a false alarm in x1, on topic
        comment("a4", "x3", "cudahy again", "\"link_title\":\"CUDA 13 is out\","), // 5: its thread title
        "{\"id\":\"a5\",\"body\":\"cuda but not JSON", // 6: rejected by the full path, so kept
        "[" + comment("a6", "x4", "cudahy in an array", "") + "]", // 7: an item of an array on its line
        comment("a7", "x5", "nothing to see", "")); // 8: no words
    Path file = dir.resolve("RC_test.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    String name = file.toUri().toString();
    Prefilter prefilter = new Prefilter(Needles.of(topics), Set.of(name));
    PostPreparer preparer = new PostPreparer(topics, Preparation.defaults(Window.ALL).withMaxChars(100_000));

    ThreadSeeds.Seeds seeds = new ThreadSeeds("auto", preparer, prefilter, null)
        .seeds(Slice.whole(name), new Configuration());

    assertThat(seeds.lines()).as("lines left to the word test").containsExactly(2, 5, 6, 7);
    assertThat(new HashSet<>(seeds.ids())).containsExactlyInAnyOrder("a1", "x1");
    LineTest second = prefilter.withSeeds(Set.copyOf(seeds.ids()), Map.of(seeds.slice(), seeds.lines()))
        .keep(seeds.slice());
    assertThat(keeps(second, lines.get(2), 3)).as("the false alarm of an off-topic thread").isFalse();
    assertThat(keeps(second, lines.get(3), 4)).as("the false alarm of an on-topic thread").isTrue();
    assertThat(keeps(second, lines.get(1), 2)).isTrue();
    assertThat(keeps(second, lines.get(7), 8)).isFalse();
  }

  @Test
  void aFalseAlarmOutsideTheWindowStaysForTheSecondPass() throws Exception {
    // Outside the window the full path counts the record as out_of_window, not off_topic: it must be read again.
    Path file = dir.resolve("RC_window.jsonl");
    Files.writeString(file, String.join("\n", comment("b0", "y0", "first", ""),
        comment("b1", "y1", "cudahy is a real town", "")) + "\n", StandardCharsets.UTF_8);
    String name = file.toUri().toString();
    Prefilter prefilter = new Prefilter(Needles.of(topics), Set.of(name));
    PostPreparer preparer = new PostPreparer(topics, Preparation.defaults(Window.day(LocalDate.of(2020, 1, 1))).withMaxChars(100_000));
    ThreadSeeds.Seeds seeds = new ThreadSeeds("auto", preparer, prefilter, null)
        .seeds(Slice.whole(name), new Configuration());
    assertThat(seeds.lines()).containsExactly(2);
  }

  @Test
  void onlyARecordAloneOnItsLineNamesItsLine() {
    assertThat(ThreadSeeds.lineOf("line 12")).isEqualTo(12);
    assertThat(ThreadSeeds.lineOf("line 12, item 3")).isEqualTo(-1);
    assertThat(ThreadSeeds.lineOf("end of file")).isEqualTo(-1);
    assertThat(ThreadSeeds.lineOf("line ")).isEqualTo(-1);
    assertThat(ThreadSeeds.without(new long[] {1, 4, 9, 12}, new long[] {4, 5, 12})).containsExactly(1, 9);
  }

  private static boolean keeps(LineTest test, String line, long number) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return test.keep(b, 0, b.length, number);
  }
}
