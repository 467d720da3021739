package io.moatwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jobs/compare-evaluations.sh} on the GPU-thread corpus's real test split: two predictions.csv files written
 * here as evaluate writes them, one with every gold label and stance (no model does this: it stands in for a much
 * better model), one reading every post neutral. Reads ../shared/datasets in place (CI always has it; skipped where
 * a clone lacks it). The real runs' comparison is in QUALITY.md ("Which model").
 */
class CompareMainTest {
  private static final Path DATASETS = Path.of("../shared/datasets");

  @TempDir
  Path work;

  private Path run(String name, List<LabelledItem> items, Function<LabelledItem, String> label, boolean stance)
      throws Exception {
    StringBuilder csv = new StringBuilder("set,split,id,gold,score,p0,p1,p2,p3,p4,scored,model_label,"
        + "model_negative,model_neutral,model_positive,gold_stance,model_stance\n");
    for (LabelledItem item : items) {
      String gold = EvaluateMain.stanceCell(item.about().stance());
      String read = stance ? EvaluateMain.stanceCell(item.about().stance()) : "";
      csv.append("gpu-threads,test,\"").append(item.id()).append("\",").append(item.gold())
          .append(",0,0.2,0.2,0.2,0.2,0.2,true,").append(label.apply(item)).append(",0.3,0.4,0.3,")
          .append(gold).append(',').append(read).append('\n');
    }
    Path dir = Files.createDirectories(work.resolve(name));
    Files.writeString(dir.resolve("predictions.csv"), csv);
    return dir;
  }

  @Test
  void aDifferenceTheTestItemsShowIsMarkedAndNoneBetweenARunAndItself() throws Exception {
    assumeTrue(Files.isDirectory(DATASETS.resolve("gpu-threads")), "../shared/datasets is not beside this checkout");
    List<LabelledItem> items = new Datasets(DATASETS).load("gpu-threads").test();
    Path perfect = run("perfect", items, LabelledItem::gold, true);
    Path neutral = run("neutral", items, i -> "neutral", false);
    Path table = work.resolve("table.md");
    assertThat(new CommandLine(new CompareMain()).execute(perfect.toString(), neutral.toString(),
        "--datasets", DATASETS.toString(), "--out", table.toString())).isZero();
    String md = Files.readString(table);
    // every post right against every post neutral (macro-F1 of one class in three, F1 2*p/(1+p))
    assertThat(md).containsPattern("\\| gpu-threads \\| 370 \\| 1\\.000 \\| 0\\.2\\d\\d \\| \\+0\\.7\\d\\d \\[\\+0\\.\\d+,"
        + " \\+0\\.\\d+\\] \\* \\|");
    assertThat(md).contains("| gpu-threads: debate venues | 150 | 1.000 |")
        .contains("| gpu-threads: stance, all | 335 | 1.000 |");
    Path same = work.resolve("same.md");
    assertThat(new CommandLine(new CompareMain()).execute(neutral.toString(), neutral.toString(),
        "--datasets", DATASETS.toString(), "--out", same.toString())).isZero();
    assertThat(Files.readString(same)).contains("| gpu-threads | 370 | 0.2").contains("+0.000 [+0.000, +0.000] |")
        .doesNotContain("] * |");
  }

  @Test
  void runsOfOtherItemsAreRefusedWithTheReason() throws Exception {
    assumeTrue(Files.isDirectory(DATASETS.resolve("gpu-threads")), "../shared/datasets is not beside this checkout");
    List<LabelledItem> items = new Datasets(DATASETS).load("gpu-threads").test();
    Path full = run("full", items, LabelledItem::gold, false);
    Path limited = run("limited", items.subList(0, 100), LabelledItem::gold, false);
    CompareMain cmd = new CompareMain();
    new CommandLine(cmd).parseArgs(full.toString(), limited.toString(), "--datasets", DATASETS.toString());
    assertThatThrownBy(cmd::call).hasMessageContaining("100 test items of gpu-threads, the set has 370");
    CompareMain missing = new CompareMain();
    new CommandLine(missing).parseArgs(full.toString(), work.resolve("nothing").toString());
    assertThatThrownBy(missing::call).hasMessageContaining("give an output directory of jobs/evaluate.sh");
  }

  @Test
  void stanceCellsReadBackAsEvaluateWritesThem() {
    String cell = EvaluateMain.stanceCell(Map.of("cuda", new double[] {0.1, 0.2, 0.7}));
    assertThat(CompareMain.stanceLabels(cell)).containsExactly(Map.entry("cuda", "positive"));
    assertThat(CompareMain.stanceLabels("")).isEmpty();
  }
}
