package io.moatwatch.read.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.PreparedPost;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.format.ReadOutcome;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prefilter's soundness: no record that the full path puts on topic by itself is ever refused. Checked
 * on every JSON line of the bundled sample data, of the shared real exports (skipped where ../shared is
 * absent), and of a generated Pushshift-style dump.
 */
class NeedlesTest {
  private static TopicSet builtin;
  private static Needles needles;

  @BeforeAll
  static void load() throws Exception {
    builtin = TopicsFile.load(TopicsFile.BUILTIN);
    needles = Needles.of(builtin);
  }

  @Test
  void theBuiltinTopicsBecomeWordGroups() {
    assertThat(needles.usable()).as(needles.reason()).isTrue();
    assertThat(needles.groups()).contains(List.of("tinygrad"), List.of("tiny", "grad"), List.of("amdgpu", "install"),
        List.of("hip"), List.of("cuda"), List.of("rocm"), List.of("nvidia", "cutlass"), List.of("hip", "amd"));
  }

  @Test
  void aRecordPassesWhenItHoldsEveryWordOfSomeGroup() {
    assertThat(needles.mayMatch("{\"body\":\"sudo apt install rocm-dkms\"}")).isTrue();
    assertThat(needles.mayMatch("{\"body\":\"tiny\\\\_grad is neat\"}")).isTrue(); // Markdown-escaped
    assertThat(needles.mayMatch("{\"body\":\"just run amdgpu\\u002dinstall\"}")).isTrue(); // JSON-escaped hyphen
    assertThat(needles.mayMatch("{\"body\":\"a barracuda\"}")).isTrue(); // sound, not exact
    assertThat(needles.mayMatch("{\"body\":\"I will install it tomorrow\"}")).isFalse(); // install alone
    assertThat(needles.mayMatch("{\"body\":\"nothing about GPUs here\"}")).isFalse();
  }

  @Test
  void lettersThatUnicodeCaseFoldsToAsciiAreFoundAsTheFullPathFindsThem() throws Exception {
    TopicSet samples = TopicsFile.parse("[S]\naliases = tiny samples\n", "t.topics");
    Needles n = Needles.of(samples);
    // U+017F LONG S matches "s" in a case-insensitive Unicode pattern, raw or JSON-escaped
    String raw = "{\"body\":\"tiny \u017famples\"}";
    String escaped = "{\"body\":\"tiny \\u017Famples\"}";
    assertThat(samples.match("tiny \u017famples")).containsExactly("S");
    assertThat(n.mayMatch(raw)).isTrue();
    assertThat(n.mayMatch(escaped)).isTrue();
    assertThat(n.mayMatch("{\"body\":\"tiny examples\"}")).isFalse();
    assertThat(n.mayMatch("{\"body\":\"TINY SAMPLES\"}")).isTrue();
    Needles single = Needles.of(TopicsFile.parse("[K]\naliases = kernels\n", "t.topics"));
    assertThat(single.mayMatch("{\"body\":\"\u212aernels\"}")).isTrue(); // U+212A KELVIN SIGN
  }

  @Test
  void patternsWithoutALiteralStartMakeThePrefilterStepAside() throws Exception {
    Needles loose = Needles.of(TopicsFile.parse("[X]\npattern = [A-Z]{3}lang\n", "t.topics"));
    assertThat(loose.usable()).isFalse();
    assertThat(loose.reason()).contains("pattern '[A-Z]{3}lang' has no literal start");
    assertThat(loose.mayMatch("anything")).isTrue();
    assertThat(Needles.fromMentionPattern("(?i)\\bcolou?r")).isEqualTo(List.of(List.of("colo")));
    assertThat(Needles.fromMentionPattern("rocm|cuda")).isNull();
  }

  @Test
  void aNonAsciiWordPassesAnyRecordWithAUnicodeEscape() throws Exception {
    Needles ru = Needles.of(TopicsFile.parse("[Ru]\naliases = видеокарта\n", "t.topics"));
    assertThat(ru.mayMatch("{\"text\":\"\\u0432\\u0438\\u0434\"}")).isTrue();
    assertThat(ru.mayMatch("{\"text\":\"plain ascii\"}")).isFalse();
    assertThat(ru.mayMatch("{\"text\":\"моя видеокарта\"}")).isTrue();
  }

  @Test
  void noOnTopicRecordOfTheSampleDataIsRefused() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("data"))) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
    }
    int[] seen = soundOn(files, builtin, needles);
    assertThat(seen[0]).as("on-topic records checked").isGreaterThan(20);
  }

  @Test
  void noOnTopicRecordOfTheSharedExportsIsRefused() throws Exception {
    Path shared = Path.of("../shared/samples");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "../shared/samples is not here");
    List<Path> files;
    try (Stream<Path> s = Files.walk(shared)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted()
          .toList();
    }
    TopicSet samples = TopicsFile.load("src/test/resources/conformance/samples.topics");
    int[] seen = soundOn(files, samples, Needles.of(samples));
    assertThat(seen[0]).as("on-topic records checked").isGreaterThan(10);
  }

  @Test
  void aGeneratedDumpIsRefusedAlmostWholeAndNothingOnTopicIsLost() throws Exception {
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    io.moatwatch.bench.PushshiftDump.write(5_000, 0.02, 7, dump);
    Path file = Files.createTempFile("RC_gen", ".jsonl");
    Files.write(file, dump.toByteArray());
    int[] seen = soundOn(List.of(file), builtin, needles);
    assertThat(seen[0]).as("on-topic records").isGreaterThan(30);
    assertThat(seen[1]).as("lines passed").isLessThan(5_000 / 20); // under 5% of the lines pass
    Files.delete(file);
  }

  /**
   * For each JSON-lines file: every record the full path finds a topic in (direct, or in the thread title it
   * carries) must come from a line the needles pass. Returns {on-topic records, lines passed}.
   */
  private static int[] soundOn(List<Path> files, TopicSet topics, Needles n) throws Exception {
    PostPreparer preparer = new PostPreparer(topics, Preparation.defaults(Window.ALL).withMaxChars(100_000));
    int onTopic = 0;
    int passed = 0;
    for (Path f : files) {
      List<String> lines = lines(f);
      if (lines.isEmpty() || !isCompleteJson(lines.get(0))) {
        continue; // not JSON lines (a document, XML, CSV): the prefilter never applies
      }
      for (String line : lines) {
        passed += !line.isBlank() && n.mayMatch(line) ? 1 : 0;
      }
      try (InputStream in = Files.newInputStream(f);
          var outcomes = new ExportReader("auto").read(in, f.toString())) {
        while (outcomes.hasNext()) {
          if (outcomes.next() instanceof ReadOutcome.Parsed p && p.position().startsWith("line ")) {
            PreparedPost pp = preparer.prepare(p.post());
            if (!pp.directTopics().isEmpty() || !pp.threadTitleTopics().isEmpty()) {
              onTopic++;
              int line = Integer.parseInt(p.position().replaceAll("^line (\\d+).*", "$1"));
              assertThat(n.mayMatch(lines.get(line - 1))).as(f + " " + p.position() + " " + pp.sources())
                  .isTrue();
            }
          }
        }
      }
    }
    return new int[] {onTopic, passed};
  }

  private static boolean isCompleteJson(String line) {
    try {
      com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          line.replace("\uFEFF", ""));
      return v != null && v.isContainerNode();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static List<String> lines(Path f) throws Exception {
    String name = f.toString();
    if (!name.endsWith(".jsonl") && !name.endsWith(".json") && !name.endsWith(".zst") && !name.endsWith(".gz")
        && !name.endsWith(".ndjson")) {
      return List.of();
    }
    InputStream raw = Files.newInputStream(f);
    InputStream in = name.endsWith(".zst") ? zstd(raw) : name.endsWith(".gz")
        ? new java.util.zip.GZIPInputStream(raw) : raw;
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        out.add(l);
      }
    } catch (java.io.IOException e) {
      // a deliberately truncated file: the lines read so far are checked
    }
    return out;
  }

  private static InputStream zstd(InputStream raw) throws java.io.IOException {
    var z = new com.github.luben.zstd.ZstdInputStream(raw);
    z.setLongMax(31);
    return z;
  }
}
