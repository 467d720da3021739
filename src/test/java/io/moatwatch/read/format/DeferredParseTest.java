package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.read.prefilter.LineTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lines the prefilter keeps, left unparsed where the file is read ({@link ExportReader.Outcomes#deferParsing}) and
 * parsed elsewhere ({@link ExportReader#parseLine}), give the same outcomes, in the same order, as the same
 * lines parsed in place: posts, rejects (malformed JSON, a bad field, a comment without its thread) and arrays
 * of records on one line.
 */
class DeferredParseTest {
  private static final String LINES = """
      {"id":"a","link_id":"t3_x","parent_id":"t3_x","subreddit":"s","created_utc":1763561400,"body":"ROCm works"}
      {"id":"b","link_id":"t3_x","parent_id":"t1_a","subreddit":"s","created_utc":1763561401,"body":"no topic"}
      {"id":"c","link_id":"t3_x","body":"cut

      {"id":"d","link_id":"t3_x","parent_id":"t1_a","subreddit":"s","created_utc":"bad","body":"x"}
      {"id":"e","subreddit":"s","created_utc":1763561402,"body":"no thread"}
      [{"id":"f","link_id":"t3_y","parent_id":"t3_y","subreddit":"s","created_utc":1763561403,"body":"CUDA"},\
      {"id":"g","link_id":"t3_y","parent_id":"t1_f","subreddit":"s","created_utc":1763561404,"body":"and more"}]
      {"id":"h","link_id":"t3_y","parent_id":"t1_g","subreddit":"s","created_utc":1763561405,"body":"skip me"}
      {"id":"i","link_id":"t3_y","parent_id":"t1_g","subreddit":"s","created_utc":1763561406,"body":"last"}
      """;
  /** Refuses the line of post h, so that a refused line is counted, not deferred. */
  private static final LineTest ALL_BUT_H = (b, from, to, line) ->
      !new String(b, from, to - from, StandardCharsets.UTF_8).contains("\"id\":\"h\"");

  private record Read(List<ReadOutcome> outcomes, long prefiltered) {}

  private static Read read(boolean defer) throws Exception {
    List<ReadOutcome> out = new ArrayList<>();
    long prefiltered;
    try (var outcomes = new ExportReader("auto").read(
        new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)), "RC_test.ndjson")) {
      outcomes.prefilter(ALL_BUT_H, Set.of("reddit"));
      if (defer) {
        outcomes.deferParsing();
      }
      outcomes.forEachRemaining(out::add);
      prefiltered = outcomes.prefiltered();
    }
    return new Read(out, prefiltered);
  }

  @Test
  void linesParsedElsewhereGiveTheOutcomesOfLinesParsedInPlace() throws Exception {
    Read inPlace = read(false);
    Read deferred = read(true);

    assertThat(deferred.outcomes()).noneMatch(o -> o instanceof ReadOutcome.Unparsed u && u.line().isBlank());
    // The first line tells the format and is parsed in place; the later kept lines are left unparsed.
    assertThat(deferred.outcomes().get(0)).isInstanceOf(ReadOutcome.Parsed.class);
    assertThat(deferred.outcomes().subList(1, deferred.outcomes().size()))
        .allMatch(o -> o instanceof ReadOutcome.Unparsed)
        .hasSize(6);
    List<ReadOutcome> parsedElsewhere = new ArrayList<>();
    for (ReadOutcome o : deferred.outcomes()) {
      if (o instanceof ReadOutcome.Unparsed u) {
        assertThat(u.format()).isEqualTo("reddit");
        parsedElsewhere.addAll(ExportReader.parseLine(u));
      } else {
        parsedElsewhere.add(o);
      }
    }

    assertThat(parsedElsewhere).isEqualTo(inPlace.outcomes());
    assertThat(deferred.prefiltered()).isEqualTo(inPlace.prefiltered()).isEqualTo(1);
    // what the comparison covers: posts, both kinds of reject, and the records of an array on one line
    assertThat(inPlace.outcomes()).hasSize(8);
    assertThat(inPlace.outcomes().stream().filter(o -> o instanceof ReadOutcome.Rejected)).hasSize(3);
    assertThat(inPlace.outcomes()).extracting(ReadOutcome::position).contains("line 7, item 0", "line 7, item 1");
  }

  @Test
  void withoutThePrefilterNothingIsDeferred() throws Exception {
    List<ReadOutcome> out = new ArrayList<>();
    try (var outcomes = new ExportReader("auto").read(
        new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)), "RC_test.ndjson")) {
      outcomes.deferParsing(); // only lines the prefilter tests are left unparsed
      outcomes.forEachRemaining(out::add);
    }
    assertThat(out).noneMatch(o -> o instanceof ReadOutcome.Unparsed).hasSize(9);
  }
}
