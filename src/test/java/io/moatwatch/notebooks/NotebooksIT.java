package io.moatwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moatwatch.cli.Main;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.SharedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook in notebooks/ runs top to bottom, headless (nbclient, a real Python kernel), against the
 * Parquet of real job runs: the sample data (the test JVM's shared run), a window where a topic has a day without posts and a day with no
 * posts at all, and a run that found nothing. A failing cell fails the build. The charts are kept in
 * target/notebook-figures and the executed notebooks in target/notebooks-executed to look at.
 *
 * <p>Installs notebooks/requirements.txt with pip first (quick when already installed), so the README's test
 * command needs nothing else.
 */
@Order(Cost.PROCESSES)
class NotebooksIT {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Path TARGET = ROOT.resolve("target");

  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  @TempDir
  static Path work;

  @BeforeAll
  static void installPythonPackages() throws Exception {
    Processes.Result pip = python(List.of("-m", "pip", "install", "--retries", "0", "--quiet", "--disable-pip-version-check",
        "-r", ROOT.resolve("notebooks/requirements.txt").toString()), work.resolve("pip"), 15);
    assertThat(pip.exit()).as("pip install -r notebooks/requirements.txt:\n" + pip.out()).isZero();
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  @Test
  void notebooksRunOnTheSampleOutputAndLeaveCharts() throws Exception {
    Path results = SAMPLE.copyTo(work.resolve("sample")); // the report writes beside the tables
    Path figures = TARGET.resolve("notebook-figures/sample");
    Processes.Result r = runNotebooks(results, figures, TARGET.resolve("notebooks-executed"));
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("1_overview.ipynb: ok", "2_entities.ipynb: ok", "3_threads.ipynb: ok");
    for (String chart : List.of("overview_volume_sentiment", "overview_shares", "overview_share_of_voice",
        "entities_top_mentions", "threads_mood_vs_spread")) {
      Path png = figures.resolve(chart + ".png");
      assertThat(png).exists();
      assertThat(Files.size(png)).as(chart).isGreaterThan(10_000); // a real chart, not a "no data" note
    }
    // The morning report, rendered by a real browser: every chart decoded, and a page with something on it.
    Processes.Result report = report(results);
    assertThat(report.exit()).as(report.out()).isZero();
    Path page = results.resolve("_report/index.html");
    assertThat(Files.readString(page)).contains("Significant movers", "Threads to read", "adjusted_negative_share")
        .doesNotContain("written with different settings") // one run wrote every day
        // Threads without a title (the sample's Discord, X and Mastodon ones) show their first post's opening words,
        // not their ids.
        .containsPattern("<td>(?:<a [^>]*>)?\u201c[^<]+\u2026?\u201d<")
        .doesNotContainPattern(">(?:discord|x|mastodon):[^<]*<")
        // Example sentences keep a readable width on a phone instead of a tall, narrow column.
        .contains("<td class=\"long\">");
    assertRendersWithItsCharts(page, TARGET.resolve("report-sample.png"), 4);
    assertThat(results.resolve("_report/2026-11-20.html")).as("the dated copy of --dated").exists();
    // The notebooks in the repository stay without outputs.
    try (Stream<Path> notebooks = Files.list(ROOT.resolve("notebooks"))) {
      for (Path nb : notebooks.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
        assertThat(Files.readString(nb)).as(nb.toString()).doesNotContain("\"output_type\"");
      }
    }
  }

  @Test
  void notebooksCopeWithMissingDaysAndEmptyTables() throws Exception {
    // data/jsonl from the 19th to the 21st: no tinygrad post on the 19th, no post at all on the 21st. Its posts'
    // analyses come from the shared run's annotation cache (what is tested here is the notebooks and the report).
    Path gaps = SAMPLE.seedCache(work.resolve("gaps"));
    assertThat(Main.execute("--input", ROOT.resolve("data/jsonl").toString(), "--output", gaps.toString(),
        "--from", "2026-11-19", "--to", "2026-11-21")).isZero();
    Processes.Result r = runNotebooks(gaps, TARGET.resolve("notebook-figures/gaps"), null);
    assertThat(r.exit()).as(r.out()).isZero();
    // The 20th again, read the way runs did before 2026-12-07: the report names the two settings and their days.
    assertThat(Main.execute("--input", ROOT.resolve("data/jsonl").toString(), "--output", gaps.toString(),
        "--day", "2026-11-20", "--topic-stance", "topics")).isZero();
    Processes.Result mixed = report(gaps);
    assertThat(mixed.exit()).as(mixed.out()).isZero();
    assertThat(Files.readString(gaps.resolve("_report/index.html")))
        .contains("written with different settings")
        .containsPattern("<td>2026-11-19</td><td>2026-11-19</td><td>1</td><td class=\"long\">pipeline [^<]+,"
            + " topic_stance all<")
        .containsPattern("<td>2026-11-20</td><td>2026-11-20</td><td>1</td><td class=\"long\">pipeline [^<]+,"
            + " topic_stance topics<");

    // A run that found nothing: every table is empty.
    Path empty = work.resolve("empty");
    assertThat(Main.execute("--input", ROOT.resolve("data/jsonl").toString(), "--output", empty.toString(),
        "--day", "2026-12-25")).isZero();
    Processes.Result e = runNotebooks(empty, TARGET.resolve("notebook-figures/empty"), null);
    assertThat(e.exit()).as(e.out()).isZero();
    assertThat(e.out()).contains("3_threads.ipynb: ok");
    Processes.Result report = report(empty);
    assertThat(report.exit()).as(report.out()).isZero();
    assertRendersWithItsCharts(empty.resolve("_report/index.html"), TARGET.resolve("report-empty.png"), 4);
  }

  private static Processes.Result report(Path results) throws Exception {
    return python(List.of(ROOT.resolve("notebooks/report.py").toString(), "--results", results.toString(), "--dated"),
        work.resolve("report-" + results.getFileName()), 5);
  }

  /**
   * Headless Chromium (Debian package {@code chromium}, installed by .ci/run) loads the page: the page's own
   * script counts the charts that decoded, and a phone-sized screenshot must not be blank.
   */
  private static void assertRendersWithItsCharts(Path page, Path screenshot, int charts) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
        "the report's browser test needs headless Chromium: apt-get install chromium (.ci/run does)");
    List<String> browser = List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--virtual-time-budget=5000");
    Processes.Result dom = Processes.command(concat(browser, "--dump-dom", page.toUri().toString()))
        .log(work.resolve("chromium-dom-" + page.getParent().getParent().getFileName())).separateErrors()
        .timeout(Duration.ofMinutes(2)).run();
    assertThat(dom.exit()).as(dom.err()).isZero();
    assertThat(dom.out()).contains("data-charts=\"" + charts + "\" data-charts-loaded=\"" + charts + "\"");
    Files.deleteIfExists(screenshot);
    Processes.Result shot = Processes.command(concat(browser, "--window-size=420,2000",
        "--screenshot=" + screenshot, page.toUri().toString()))
        .log(work.resolve("chromium-shot-" + page.getParent().getParent().getFileName()))
        .timeout(Duration.ofMinutes(2)).run();
    assertThat(shot.exit()).as(shot.out()).isZero();
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(screenshot.toFile());
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (rgb != 0xFFFFFF) {
          inked++;
        }
      }
    }
    double share = inked / (image.getWidth() / 2.0 * image.getHeight() / 2.0);
    // A blank page is white; the sample report measured 0.13 and the empty one 0.07 (text, axes, "no data").
    assertThat(share).as("share of non-white pixels in " + screenshot).isGreaterThan(0.03);
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static Processes.Result runNotebooks(Path results, Path figures, Path executed) throws Exception {
    List<String> args = new ArrayList<>(List.of(ROOT.resolve("notebooks/run_notebooks.py").toString(),
        "--results", results.toString(), "--figures", figures.toString()));
    if (executed != null) {
      args.addAll(List.of("--executed", executed.toString()));
    }
    return python(args, work.resolve("nb-" + results.getFileName()), 10);
  }

  private static Processes.Result python(List<String> args, Path log, int minutes) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("python3");
    cmd.addAll(args);
    return Processes.command(cmd).log(Path.of(log + ".log")).timeout(Duration.ofMinutes(minutes)).run();
  }

}
