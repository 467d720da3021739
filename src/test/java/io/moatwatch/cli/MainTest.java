package io.moatwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors: one line, exit code 2, before Spark starts (so these run without a session). */
class MainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  /** What the job itself said on stderr: its lines start with "moatwatch:" (Spark may log around them). */
  private String errText() {
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("moatwatch:"))
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(Main.execute("--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("--input", "Default: data\n", "--output", "Default: out/sample", "--format",
        "Default: auto", "discourse, github, x, x-archive, mastodon, discord", "--day", "--from", "--to", "--topics", "Default: builtin:default", "--parser",
        "Default: sr", "--max-sentence-tokens", "Default: 80", "--max-chars", "Default: 100000", "--sentence-budget", "Default: 200", "--neutral-band",
        "Default: 0.15", "--no-inherit-topics", "--analyse-off-topic", "--partitions", "--run-id", "--gazetteer", "--no-builtin-gazetteer", "Exit codes");
  }

  @Test
  void badDateFailsWithOneLine(@TempDir Path out) {
    assertThat(Main.execute("--day", "2026-13-01", "--output", out.toString())).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: --day '2026-13-01' is not a date like 2026-11-21");
  }

  @Test
  void windowThatEndsBeforeItStartsFails() {
    assertThat(Main.execute("--from", "2026-11-20", "--to", "2026-11-19")).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: window ends (2026-11-19) before it starts (2026-11-20)");
  }

  @Test
  void missingInputFails(@TempDir Path out) {
    assertThat(Main.execute("--input", "/no/such/export.json", "--output", out.toString())).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: input /no/such/export.json does not exist or matches no files");
  }

  @Test
  void unreadableTopicsFileFails() {
    assertThat(Main.execute("--topics", "/no/such.topics")).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: topics file /no/such.topics does not exist or is not readable");
  }

  @Test
  void invalidTopicsFileFailsWithTheLine(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("bad.topics"), "[ROCm]\naliases = rocm\nregex = x\n");
    assertThat(Main.execute("--topics", f.toString())).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: " + f + " line 3: unknown key 'regex'"
        + " (expected aliases, exact_case, pattern, exclude, entities, repository, subreddit, tag,"
        + " discourse_category or discord)");
  }

  @Test
  void neutralBandIsSymmetricOrGivenByItsEdges() throws Exception {
    assertThat(Main.neutralBand("0.15")).containsExactly(-0.15, 0.15);
    assertThat(Main.neutralBand("-0.12, 0.14")).containsExactly(-0.12, 0.14);
    for (String bad : List.of("0.2,-0.1", "1.5", "abc", "-0.1,0.1,0.2", "0.1,")) {
      assertThatThrownBy(() -> Main.neutralBand(bad)).as(bad).hasMessage("--neutral-band '" + bad
          + "' must be X in [0, 1) or LOW,HIGH with -1 < LOW <= 0 <= HIGH < 1");
    }
    assertThat(Main.execute("--neutral-band", "0.3,0.1")).isEqualTo(2);
    assertThat(errText()).startsWith("moatwatch: --neutral-band '0.3,0.1' must be");
  }

  @Test
  void aSentimentModelThatIsNotOneFails(@TempDir Path dir) throws Exception {
    assertThat(Main.execute("--sentiment-model", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(errText()).startsWith("moatwatch: --sentiment-model: " + dir.resolve("none") + " is not a directory");
    assertThat(Main.execute("--sentiment-model", dir.toString())).isEqualTo(2);
    assertThat(errText()).contains("\nmoatwatch: --sentiment-model: cannot read " + dir.resolve("model.json")
        + ": no such file");
    assertThat(Main.execute("--labels", "corenlp", "--sentiment-model", dir.toString())).isEqualTo(2);
    assertThat(errText()).endsWith("\nmoatwatch: --sentiment-model needs --labels model (with --labels corenlp no"
        + " model runs)");
  }

  @Test
  void anOutputAnotherRunIsUsingIsRefusedBeforeSparkStarts(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    try (var held = io.moatwatch.output.OutputLock.acquire(out, "nightly-1")) {
      assertThat(Main.execute("--input", "data/jsonl", "--output", out.toString())).isEqualTo(3);
    }
    assertThat(errText()).contains("moatwatch: another run is using " + out + " (run nightly-1, pid ");
  }

  @Test
  void anUnknownLabellerFails() {
    assertThat(Main.execute("--labels", "devtext")).isEqualTo(2);
    assertThat(errText()).isEqualTo("moatwatch: --labels: unknown labeller 'devtext' (expected model or corenlp)");
    err.reset();
    assertThat(Main.execute("--topic-stance", "some")).isEqualTo(2);
    assertThat(errText()).isEqualTo("moatwatch: --topic-stance: must be all or topics, not 'some'");
    err.reset();
    assertThat(Main.execute("--sentence-labels", "every")).isEqualTo(2);
    assertThat(errText()).isEqualTo("moatwatch: --sentence-labels: must be named or all, not 'every'");
  }

  @Test
  void authorKeyThatIsMissingOrTooShortFails(@TempDir Path dir) throws Exception {
    assertThat(Main.execute("--hash-authors", dir.resolve("none.key").toString())).isEqualTo(2);
    assertThat(errText()).isEqualTo("moatwatch: --hash-authors: cannot read the key file " + dir.resolve("none.key"));
    Path shortKey = Files.writeString(dir.resolve("short.key"), "abc\n");
    assertThat(Main.execute("--hash-authors", shortKey.toString())).isEqualTo(2);
    assertThat(errText()).endsWith("moatwatch: --hash-authors: the author key holds 3 bytes; use at least 16"
        + " (e.g. head -c 32 /dev/urandom | base64 > author.key)");
  }

  @Test
  void invalidGazetteerFailsWithTheLine(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("my.gazetteer"), "# mine\nGaudi 3 | hardware | Gaudi 3\n");
    assertThat(Main.execute("--gazetteer", f.toString())).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: " + f + " line 2: type 'hardware' must be upper-case"
        + " letters or _, e.g. HARDWARE");
  }

  @Test
  void topicEntityMissingFromTheGazetteerFailsWithTheLine(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("t.topics"), "[ROCm]\naliases = rocm\nentities = AMD, Team Red\n");
    assertThat(Main.execute("--topics", f.toString())).isEqualTo(2);
    assertThat(errText().strip()).isEqualTo("moatwatch: " + f + " line 3: entity 'Team Red' of topic 'ROCm' is not"
        + " a canonical name in the gazetteer (docs/ENTITIES.md)");
  }

  @Test
  void unwritableOutputFails(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(Main.execute("--output", file.resolve("out").toString())).isEqualTo(2);
    assertThat(errText()).startsWith("moatwatch: output " + file.resolve("out"));
  }

  @Test
  void unknownFormatAndOptionFail() {
    assertThat(Main.execute("--format", "rtf")).isEqualTo(2);
    assertThat(errText()).startsWith("moatwatch: --format: unknown format 'rtf' (expected one of auto, ");
    assertThat(Main.execute("--colour")).isEqualTo(2);
    assertThat(errText()).contains("Unknown option: '--colour'");
  }

  @Test
  void aRefusedSettingIsNamedByItsOption() {
    assertThat(refusal("--max-chars", "0")).isEqualTo("moatwatch: --max-chars: must be at least 1, got 0");
    assertThat(refusal("--sentence-budget", "0")).isEqualTo("moatwatch: --sentence-budget: must be at least 1, got 0");
    assertThat(refusal("--parser", "lstm")).isEqualTo("moatwatch: --parser: unknown parser 'lstm' (expected sr or pcfg)");
    assertThat(refusal("--prefilter", "maybe")).isEqualTo("moatwatch: --prefilter: must be auto, on or off, not 'maybe'");
    assertThat(refusal("--run-id", "a b")).isEqualTo("moatwatch: --run-id: may hold only letters, digits, '.', '_'"
        + " and '-', got 'a b'");
  }

  /** What the job says when it refuses {@code args} (exit code 2). */
  private String refusal(String... args) {
    err.reset();
    assertThat(Main.execute(args)).as(String.join(" ", args)).isEqualTo(2);
    return errText().strip();
  }

  @Test
  void theHelpSaysWhatTheJobDoesAndWritesToday() {
    assertThat(Main.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
        .contains("sentiment model fine-tuned on developer text")
        .contains("topic_entities, threads, rejects").doesNotContain("scores them with Stanford CoreNLP");
  }
}
