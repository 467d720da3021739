package io.moatwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The labelled sets load with the sizes and label counts SOURCES.md gives. Reads ../shared/datasets in place
 * (CI always has it; a user's clone may not, and then these tests are skipped).
 */
class DatasetsTest {
  private static final Path DATASETS = Path.of("../shared/datasets");

  private static Map<String, Long> counts(LabelledSet set) {
    return set.test().stream().collect(Collectors.groupingBy(LabelledItem::gold, Collectors.counting()));
  }

  @Test
  void setsLoadWithThePublishedCounts() throws Exception {
    assumeTrue(Files.isDirectory(DATASETS), "../shared/datasets is not beside this checkout");
    Datasets d = new Datasets(DATASETS);
    assertThat(counts(d.load("sst5"))).containsEntry("0", 279L).containsEntry("1", 633L).containsEntry("2", 389L)
        .containsEntry("3", 510L).containsEntry("4", 399L);
    assertThat(counts(d.load("sst2"))).containsEntry("negative", 912L).containsEntry("positive", 909L);
    LabelledSet github = d.load("github");
    assertThat(counts(github)).containsEntry("neutral", 303L).containsEntry("positive", 201L)
        .containsEntry("negative", 209L);
    assertThat(github.tuning()).hasSize(712);
    // `0,"okay, thanks"""` in the file: the stray quote the original release appends is stripped.
    assertThat(github.test().get(0)).isEqualTo(new LabelledItem("row 1", "okay, thanks", "neutral"));
    LabelledSet senti = d.load("senti4sd");
    assertThat(counts(senti)).containsEntry("negative", 360L).containsEntry("neutral", 508L)
        .containsEntry("positive", 458L);
    assertThat(senti.tuning()).hasSize(700);
    LabelledSet jira = d.load("jira");
    assertThat(jira.test().size() + jira.tuning().size()).isBetween(1700, 1800); // 3 of 10 stratified folds
    assertThat(counts(d.load("premo"))).containsEntry("negative", 432L).containsEntry("neutral", 838L)
        .containsEntry("positive", 521L);
  }
}
