package io.moatwatch.devtext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model on a tiny made-up corpus; QualityIT trains and measures it on the real labelled sets. */
class DevTextModelTest {
  private static final List<String> POS = List.of("thanks, this works great", "great fix, thanks a lot",
      "awesome work, love it", "works great now, thanks");
  private static final List<String> NEG = List.of("this is broken and awful", "awful regression, still broken",
      "terrible docs, broken build", "broken again, this is terrible");
  private static final List<String> NEU = List.of("the build runs on linux", "moved the file to src",
      "the test runs on ci", "renamed the file in src");

  private static DevTextModel model() {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      POS.forEach(t -> {
        texts.add(t);
        labels.add("positive");
      });
      NEG.forEach(t -> {
        texts.add(t);
        labels.add("negative");
      });
      NEU.forEach(t -> {
        texts.add(t);
        labels.add("neutral");
      });
    }
    return DevTextModel.train(texts, labels, 4.0, 20, "test corpus");
  }

  @Test
  void learnsClearCasesAndGivesProbabilities() {
    DevTextModel m = model();
    assertThat(m.label("thanks, works great")).isEqualTo("positive");
    assertThat(m.label("still broken, awful")).isEqualTo("negative");
    assertThat(m.label("moved the test file")).isEqualTo("neutral");
    double[] p = m.probabilities("thanks");
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    assertThat(TextFeatures.terms("Don't BREAK it")).containsExactly("don", "break", "it", "don break", "break it");
  }

  @Test
  void savedModelLoadsToTheSamePredictions(@TempDir Path dir) throws Exception {
    DevTextModel m = model();
    Path file = dir.resolve("m.gz");
    m.save(file);
    DevTextModel loaded = DevTextModel.load(file);
    assertThat(loaded.description()).isEqualTo("test corpus");
    for (String t : List.of("thanks, works great", "still broken", "renamed it", "")) {
      assertThat(loaded.probabilities(t)).containsExactly(m.probabilities(t), within(1e-12));
    }
  }

  @Test
  void theSameDataGivesTheSameModel() {
    assertThat(model().probabilities("broken but thanks")).containsExactly(model().probabilities("broken but thanks"));
  }

  @Test
  void notAModelFailsWithTheFileAndReason(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("x.gz"), "hello");
    assertThatThrownBy(() -> DevTextModel.load(text)).hasMessageStartingWith(text + " is not a readable moatwatch devtext model");
    assertThatThrownBy(() -> DevTextModel.train(List.of("a b"), List.of("angry"), 1, 1, ""))
        .hasMessage("label 'angry' is not one of [negative, neutral, positive]");
  }
}
