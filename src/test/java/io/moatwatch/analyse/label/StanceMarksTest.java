package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Marking a target's mentions before a stance pair is read. The names here are a few of the training script's
 * (training/stance_marks.py STANCE_MENTIONS) and the expected texts are what the script makes of the same inputs;
 * {@link #theJobMarksAsTheTrainingScriptDoes} runs the script itself and checks every example it marks.
 */
class StanceMarksTest {
  private static final String TEMPLATE = "(?i)(?<![A-Za-z0-9_])(?:{names})(?![A-Za-z_])";
  private static final StanceMarks MARKS = new StanceMarks("<<", ">>", TEMPLATE, Map.of(
      "rocm", List.of("rocm|rocblas|miopen", "amd(?![0-9])|radeon"),
      "cuda", List.of("cuda|cudnn|nvcc", "nvidia")));

  @Test
  void aComparisonMarksOnlyTheTargetAskedAbout() {
    assertThat(MARKS.mark("rocm", "CUDA just works, ROCm has been hell; AMD is no better."))
        .isEqualTo("CUDA just works, <<ROCm>> has been hell; AMD is no better.");
    assertThat(MARKS.mark("cuda", "CUDA just works, ROCm has been hell; AMD is no better."))
        .isEqualTo("<<CUDA>> just works, ROCm has been hell; AMD is no better.");
  }

  @Test
  void looserNamesOnlyWhenTheOwnNamesAreAbsent() {
    assertThat(MARKS.mark("rocm", "AMD's software stack is a joke next to Nvidia's, but amd64 builds are fine."))
        .isEqualTo("<<AMD>>'s software stack is a joke next to Nvidia's, but amd64 builds are fine.");
  }

  @Test
  void versionsMayFollowButLongerWordsAreNotMentions() {
    assertThat(MARKS.mark("cuda", "torch.cuda on CUDA12 vs cuda_runtime and nvcc and cudart"))
        .isEqualTo("torch.<<cuda>> on <<CUDA>>12 vs cuda_runtime and <<nvcc>> and cudart");
  }

  @Test
  void anyOtherTargetIsFoundByItsWordsWithSpaceHyphenOrNothingBetween() {
    assertThat(MARKS.mark("apple silicon", "apple silicon, Apple-Silicon and applesilicon; not pineapple silicon"))
        .isEqualTo("<<apple silicon>>, <<Apple-Silicon>> and <<applesilicon>>; not pineapple silicon");
    assertThat(MARKS.mark("node.js", "node.js and nodejs")).isEqualTo("<<node.js>> and nodejs");
  }

  @Test
  void spansAreWhereTheFirstNameListThatFindsAnyMatches() {
    assertThat(StanceMarks.spans(MARKS.patterns("rocm"), "CUDA just works, ROCm has been hell; AMD is no better."))
        .containsExactly(new int[] {17, 21});
    assertThat(StanceMarks.spans(MARKS.patterns("rocm"), "AMD and Radeon, not amd64"))
        .containsExactly(new int[] {0, 3}, new int[] {8, 14});
    assertThat(StanceMarks.spans(MARKS.patterns("tinygrad"), "CUDA just works")).isEmpty();
  }

  @Test
  void aTextWithoutTheTargetIsLeftAsItIs() {
    assertThat(MARKS.mark("tinygrad", "CUDA just works")).isEqualTo("CUDA just works");
    assertThat(MARKS.mark("rocm", "$1 and \\ stay literal")).isEqualTo("$1 and \\ stay literal");
    assertThat(MARKS.mark("rocm", "rocm costs $5")).isEqualTo("<<rocm>> costs $5");
  }

  @Test
  void theJobMarksAsTheTrainingScriptDoes() throws Exception {
    Path root = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
    Process p;
    try {
      p = new ProcessBuilder("python3", root.resolve("training/stance_marks.py").toString()).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    JsonNode meta = new ObjectMapper().readTree(out);
    StanceMarks marks = StanceMarks.of(meta);
    assertThat(marks.names()).containsKeys("cuda", "rocm", "tinygrad");
    assertThat(meta.path("examples").size()).isGreaterThanOrEqualTo(8);
    for (JsonNode e : meta.path("examples")) {
      String target = e.path("target").asText();
      assertThat(marks.mark(target, e.path("text").asText())).as(e.toString()).isEqualTo(e.path("marked").asText());
      List<List<Integer>> spans = StanceMarks.spans(marks.patterns(target), e.path("text").asText()).stream()
          .map(s -> List.of(s[0], s[1])).toList();
      List<List<Integer>> expected = new java.util.ArrayList<>();
      e.path("spans").forEach(s -> expected.add(List.of(s.get(0).asInt(), s.get(1).asInt())));
      assertThat(spans).as(e.toString()).isEqualTo(expected);
    }
  }

  @Test
  void aTemplateWithoutNamesOrAPatternThatDoesNotCompileIsRefused() {
    assertThatThrownBy(() -> new StanceMarks("<<", ">>", "(?i)rocm", Map.of()))
        .isInstanceOf(LabelModelException.class).hasMessageContaining("{names}");
    assertThatThrownBy(() -> new StanceMarks("<<", ">>", TEMPLATE, Map.of("rocm", List.of("rocm("))))
        .isInstanceOf(LabelModelException.class).hasMessageContaining("rocm(");
  }
}
