package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.config.Labels.Source;
import io.moatwatch.config.Labels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostSentimentTest {
  private static final Labels MODEL = Labels.DEFAULT;
  private static final Labels CORENLP = new Labels(Source.CORENLP, -0.15, 0.15, null);

  /** Two CoreNLP-scored sentences (scores -0.5 and 0.1) and one over the length cap. */
  private static Analysis coreNlpOnly() {
    return new Analysis(List.of(
        new SentenceSentiment(0, "The installer crashed.", 4, 1, new double[] {0, 1, 0, 0, 0}, -0.5, true),
        new SentenceSentiment(1, "Logs attached.", 3, 2, new double[] {0, 0, 0.8, 0.2, 0}, 0.1, true),
        new SentenceSentiment(2, "x ".repeat(100), 100, -1, new double[0], 0, false)), List.of());
  }

  private static Analysis labelled() {
    return coreNlpOnly().withLabels(new double[] {0.1, 0.7, 0.2},
        List.of(new double[] {0.6, 0.3, 0.1}, new double[] {0.05, 0.9, 0.05}, new double[] {0.2, 0.5, 0.3}));
  }

  @Test
  void theModelLabelsThePostAndCoreNlpStaysBesideIt() {
    PostSentiment p = PostSentiment.of(labelled(), MODEL);
    assertThat(p.scored()).isTrue();
    assertThat(p.label()).isEqualTo("neutral");
    assertThat(p.score()).isCloseTo(0.1, within(1e-12));
    assertThat(p.probabilities()).containsExactly(0.1, 0.7, 0.2);
    // CoreNLP: mean of -0.5 and 0.1 = -0.2, beyond the stock band: negative (what stock CoreNLP says of a bug report)
    assertThat(p.corenlpScore()).isCloseTo(-0.2, within(1e-12));
    assertThat(p.corenlpLabel()).isEqualTo("negative");
    assertThat(p.classCounts()).containsExactly(0, 1, 1, 0, 0);
    assertThat(p.corenlpMean()).containsExactly(new double[] {0, 0.5, 0.4, 0.1, 0}, within(1e-12));
  }

  @Test
  void everySentenceHasTheModelsLabelEvenOverTheLengthCap() {
    List<PostSentiment.Sentence> s = PostSentiment.of(labelled(), MODEL).sentences();
    assertThat(s).extracting(PostSentiment.Sentence::label).containsExactly("negative", "neutral", "neutral");
    assertThat(s.get(0).score()).isCloseTo(-0.5, within(1e-12));
    assertThat(s).extracting(PostSentiment.Sentence::corenlpLabel).containsExactly("negative", "neutral", null);
    assertThat(s.get(2).corenlpScore()).isNull();
    assertThat(s.get(2).score()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void aSentenceTheModelDidNotReadHasNoLabelButKeepsCoreNlps() {
    // --sentence-labels named: the model read the post and its first sentence only.
    Analysis a = coreNlpOnly().withLabels(new double[] {0.1, 0.7, 0.2},
        Arrays.asList(new double[] {0.6, 0.3, 0.1}, null, null));
    PostSentiment p = PostSentiment.of(a, MODEL);
    assertThat(p.label()).isEqualTo("neutral");
    List<PostSentiment.Sentence> s = p.sentences();
    assertThat(s).extracting(PostSentiment.Sentence::label).containsExactly("negative", null, null);
    assertThat(s.get(1).score()).as("not CoreNLP's score in the model's place").isNull();
    assertThat(s.get(1).probabilities()).isNull();
    assertThat(s.get(1).corenlpLabel()).isEqualTo("neutral");
    assertThat(s.get(1).corenlpScore()).isCloseTo(0.1, within(1e-12));
    // With CoreNLP's labels the same sentence takes CoreNLP's figures, as always.
    assertThat(PostSentiment.of(a, CORENLP).sentences().get(1).label()).isEqualTo("neutral");
  }

  @Test
  void withCoreNlpLabelsTheFiguresAreTodaysBand() {
    PostSentiment p = PostSentiment.of(coreNlpOnly(), CORENLP);
    assertThat(p.scored()).isTrue();
    assertThat(p.label()).isEqualTo("negative");
    assertThat(p.score()).isCloseTo(-0.2, within(1e-12));
    assertThat(p.probabilities()).isNull();
    assertThat(p.sentences()).extracting(PostSentiment.Sentence::label).containsExactly("negative", "neutral", null);
    PostSentiment wide = PostSentiment.of(coreNlpOnly(), new Labels(Source.CORENLP, -0.3, 0.3, null));
    assertThat(wide.label()).isEqualTo("neutral");
    assertThat(wide.corenlpLabel()).isEqualTo("neutral");
  }

  @Test
  void aPostCoreNlpCouldNotScoreIsUnscoredWithCoreNlpButLabelledByTheModel() {
    Analysis longOnly = new Analysis(List.of(
        new SentenceSentiment(0, "y ".repeat(100), 100, -1, new double[0], 0, false)), List.of());
    PostSentiment corenlp = PostSentiment.of(longOnly, CORENLP);
    assertThat(corenlp.scored()).isFalse();
    assertThat(corenlp.label()).isNull();
    assertThat(corenlp.score()).isNull();
    PostSentiment model = PostSentiment.of(longOnly.withLabels(new double[] {0.2, 0.2, 0.6},
        List.of(new double[] {0.2, 0.2, 0.6})), MODEL);
    assertThat(model.scored()).isTrue();
    assertThat(model.label()).isEqualTo("positive");
    assertThat(model.corenlpScore()).isNull();
    assertThat(model.corenlpMean()).isEmpty();
  }

  @Test
  void modelScoreIsPositiveMinusNegativeAndTiesGoToTheEarlierClass() {
    assertThat(PostSentiment.modelScore(new double[] {0.7, 0.2, 0.1})).isCloseTo(-0.6, within(1e-12));
    assertThat(PostSentiment.modelLabel(new double[] {0.2, 0.4, 0.4})).isEqualTo("neutral");
    assertThat(PostSentiment.modelLabel(new double[] {0.5, 0.0, 0.5})).isEqualTo("negative");
    assertThatThrownBy(() -> PostSentiment.modelLabel(new double[] {0.5, 0.5}))
        .hasMessage("expected 3 label probabilities, got 2");
  }

  @Test
  void modelLabelsNeedTheModelsProbabilities() {
    assertThatThrownBy(() -> PostSentiment.of(coreNlpOnly(), MODEL))
        .hasMessage("labels from the model, but the analysis has no model probabilities");
    assertThatThrownBy(() -> coreNlpOnly().withLabels(new double[] {0, 1, 0}, List.of()))
        .hasMessage("expected 3 sentence probabilities, got 0");
  }

  @Test
  void theNeutralBandMustHoldZero() {
    assertThatThrownBy(() -> new Labels(Source.MODEL, 0.1, 0.2, null))
        .hasMessage("neutralBand: [0.1, 0.2] must have -1 < low <= 0 <= high < 1");
  }
}
