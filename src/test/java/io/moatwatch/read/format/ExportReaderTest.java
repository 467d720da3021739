package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ExportReaderTest {
  private static final String REDDIT = """
      {"id":"a","link_id":"t3_x","parent_id":"t3_x","subreddit":"s","created_utc":1763561400,"body":"ROCm works"}
      {"id":"b","link_id":"t3_x","body":"cut
      {"id":"c","link_id":"t3_x","parent_id":"t1_a","subreddit":"s","created_utc":"bad","body":"x"}
      """;

  private static List<ReadOutcome> read(String format, byte[] bytes, String name) throws Exception {
    List<ReadOutcome> out = new ArrayList<>();
    try (var outcomes = new ExportReader(format).read(new ByteArrayInputStream(bytes), name)) {
      outcomes.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void everyRecordBecomesOneOutcome() throws Exception {
    var out = read("auto", REDDIT.getBytes(StandardCharsets.UTF_8), "RC.ndjson");
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isInstanceOf(ReadOutcome.Parsed.class);
    assertThat(out.get(0).format()).isEqualTo("reddit");
    var malformed = (ReadOutcome.Rejected) out.get(1);
    assertThat(malformed.reject().position()).isEqualTo("line 2");
    assertThat(malformed.reject().file()).isEqualTo("RC.ndjson");
    var badTime = (ReadOutcome.Rejected) out.get(2);
    assertThat(badTime.reject().reason()).isEqualTo("unreadable timestamp 'bad' in field 'created_utc'");
    assertThat(badTime.reject().excerpt()).contains("\"id\":\"c\"");
  }

  @Test
  void readsZstdWithThePushshiftLongWindow() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
      z.setLong(31); // as Pushshift compresses: plain decoders refuse this window
      z.write(REDDIT.getBytes(StandardCharsets.UTF_8));
    }
    var out = read("auto", bytes.toByteArray(), "RC_2026-11.zst");
    assertThat(out).hasSize(3);
    assertThat(((ReadOutcome.Parsed) out.get(0)).post().text()).isEqualTo("ROCm works");
  }

  @Test
  void readsGzip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(REDDIT.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read("auto", bytes.toByteArray(), "RC.ndjson.gz")).hasSize(3);
  }

  @Test
  void readsBzip2OfSeveralStreams() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // pbzip2 and friends write one bzip2 stream per chunk, one after the other
    for (int i = 0; i < 2; i++) {
      try (var z = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(
          new java.io.FilterOutputStream(bytes) {
            @Override
            public void close() {
              // keep the outer stream open for the next bzip2 stream
            }
          })) {
        z.write(REDDIT.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(read("auto", bytes.toByteArray(), "RC.ndjson.bz2")).hasSize(6);
  }

  @Test
  void truncatedCompressedFileEndsWithARejectInsteadOfFailing() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
      for (int i = 0; i < 2000; i++) {
        z.write(("{\"id\":\"" + i + "\",\"link_id\":\"t3_x\",\"parent_id\":\"t3_x\",\"subreddit\":\"s\","
            + "\"created_utc\":1763561400,\"body\":\"post number " + i + " about ROCm\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
    var out = read("auto", cut, "RC.zst");
    assertThat(out).isNotEmpty();
    assertThat(out.subList(0, out.size() - 1)).allMatch(o -> o instanceof ReadOutcome.Parsed
        || ((ReadOutcome.Rejected) o).reject().reason().startsWith("malformed JSON"));
    var last = (ReadOutcome.Rejected) out.get(out.size() - 1);
    assertThat(last.reject().reason()).startsWith("unreadable input:").endsWith("(the rest of the file could not be read)");
  }

  @Test
  void anEnvelopeWithNoRecordsIsCountedNotLost() throws Exception {
    var out = read("auto", "{\"hits\": [], \"nbHits\": 0}\n".getBytes(StandardCharsets.UTF_8), "search.json");
    assertThat(out).singleElement().isInstanceOfSatisfying(ReadOutcome.Skipped.class,
        s -> assertThat(s.reason()).isEqualTo("empty hn-algolia envelope: no records inside"));
  }

  @Test
  void unrecognisedRecordsAreRejectedAsUnknownFormat() throws Exception {
    var out = read("auto", "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8), "x.json");
    assertThat(((ReadOutcome.Rejected) out.get(0)).reject().reason())
        .isEqualTo("unknown format: the record matches none of "
            + String.join(", ", Formats.names().subList(1, Formats.names().size())));
  }

  @Test
  void forcedFormatRejectsRecordsThatDoNotFit() throws Exception {
    var out = read("reddit", "{\"id\":\"1\",\"source\":\"x\",\"created_at\":1,\"text\":\"t\"}\n"
        .getBytes(StandardCharsets.UTF_8), "x.jsonl");
    assertThat(((ReadOutcome.Rejected) out.get(0)).reject().reason()).isEqualTo("missing timestamp field 'created_utc'");
  }

  @Test
  void bundledSamplesAreAllReadable() throws Exception {
    // data/ is written for this project; each file must be detected as the format it illustrates.
    var expected = java.util.Map.ofEntries(
        java.util.Map.entry("hackernews/algolia_search_rocm.json", "hn-algolia"),
        java.util.Map.entry("hackernews/items_tinygrad.ndjson", "hn-item"),
        java.util.Map.entry("hackernews/bigquery_cuda.jsonl", "hn-item"),
        java.util.Map.entry("reddit/RC_2026-11_sample.ndjson", "reddit"),
        java.util.Map.entry("reddit/RS_2026-11_sample.zst", "reddit"),
        java.util.Map.entry("jsonl/forums_2026-11.jsonl", "jsonl"),
        java.util.Map.entry("github/rocm_issues_page1.json", "github"),
        java.util.Map.entry("github/rocm_issue_77_comments.json", "github"),
        java.util.Map.entry("discourse/tinygrad_topic_900.json", "discourse"),
        java.util.Map.entry("x/x_api_v2_search.jsonl", "x"),
        java.util.Map.entry("x/tweets.js", "x-archive"),
        java.util.Map.entry("mastodon/outbox.json", "mastodon"),
        java.util.Map.entry("discord/tinygrad community - Text Channels - amd-gpus [1300000000000000001].json",
            "discord"),
        java.util.Map.entry("stackexchange/ai.stackexchange.com/Posts.xml", "stackexchange"),
        java.util.Map.entry("csv/lobsters_comments.csv", "csv"),
        java.util.Map.entry("perceval/grimoirelab_github.jsonl", "perceval"));
    for (var e : expected.entrySet()) {
      Path file = Path.of("data").resolve(e.getKey());
      var out = read("auto", Files.readAllBytes(file), file.toString());
      assertThat(out).as(e.getKey()).isNotEmpty();
      assertThat(out.stream().filter(o -> o instanceof ReadOutcome.Parsed).map(ReadOutcome::format).distinct())
          .as(e.getKey()).containsExactly(e.getValue());
    }
  }
}
