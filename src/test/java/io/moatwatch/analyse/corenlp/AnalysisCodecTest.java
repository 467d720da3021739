package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisCodecTest {
  @Test
  void analysesSurviveTheRoundTrip() {
    Analysis a = new Analysis(
        List.of(new SentenceSentiment(0, "ROCm works.", 3, 3, new double[] {0.01, 0.04, 0.2, 0.6, 0.15}, 0.41, true),
            new SentenceSentiment(1, "x ".repeat(200), 200, -1, new double[0], 0, false)),
        List.of(new EntityMention("Team Red", "ORGANIZATION", "AMD", 0)));
    Analysis back = AnalysisCodec.decode(AnalysisCodec.encode(a));
    assertThat(back.entities()).isEqualTo(a.entities());
    assertThat(back.sentences()).hasSize(2);
    assertThat(back.sentences().get(0).probabilities()).containsExactly(a.sentences().get(0).probabilities());
    assertThat(back.sentences().get(0)).usingRecursiveComparison().isEqualTo(a.sentences().get(0));
    assertThat(back.sentences().get(1)).usingRecursiveComparison().isEqualTo(a.sentences().get(1));
  }

  @Test
  void theLabelModelsProbabilitiesSurviveTheRoundTripAndOldEntriesHaveNone() {
    Analysis plain = new Analysis(
        List.of(new SentenceSentiment(0, "ROCm works.", 3, 3, new double[] {0.01, 0.04, 0.2, 0.6, 0.15}, 0.41, true)),
        List.of());
    Analysis labelled = plain.withLabels(new double[] {0.1, 0.2, 0.7}, List.of(new double[] {0.05, 0.15, 0.8}));
    Analysis back = AnalysisCodec.decode(AnalysisCodec.encode(labelled));
    assertThat(back.labelProbabilities()).containsExactly(0.1, 0.2, 0.7);
    assertThat(back.sentences().get(0).labelProbabilities()).containsExactly(0.05, 0.15, 0.8);
    // An entry written before the label model existed (CoreNLP labels keep the same cache key).
    String old = "{\"sentences\":[{\"index\":0,\"text\":\"ROCm works.\",\"tokens\":3,\"sentimentClass\":3,"
        + "\"probabilities\":[0.01,0.04,0.2,0.6,0.15],\"score\":0.41,\"scored\":true}],\"entities\":[]}";
    Analysis decoded = AnalysisCodec.decode(old);
    assertThat(decoded.labelProbabilities()).isNull();
    assertThat(decoded.sentences().get(0).labelProbabilities()).isNull();
    assertThat(decoded.sentences().get(0)).usingRecursiveComparison().isEqualTo(plain.sentences().get(0));
  }

  @Test
  void stanceReadingsSurviveTheRoundTripAndOldEntriesHaveNone() {
    Analysis a = new Analysis(
        List.of(new SentenceSentiment(0, "CUDA works, ROCm does not.", 6, 2, new double[] {0, 0, 1, 0, 0}, 0, true)),
        List.of()).withLabels(new double[] {0.6, 0.3, 0.1}, List.of(new double[] {0.6, 0.3, 0.1}))
        .withStance(Map.of("cuda", new double[] {0.1, 0.2, 0.7}), Map.of(0, Map.of("rocm", new double[] {0.9, 0.1, 0})));
    Analysis back = AnalysisCodec.decode(AnalysisCodec.encode(a));
    assertThat(back.stance().get("cuda")).containsExactly(0.1, 0.2, 0.7);
    assertThat(back.sentences().get(0).stance().get("rocm")).containsExactly(0.9, 0.1, 0);
    assertThat(back.sentences().get(0).labelProbabilities()).containsExactly(0.6, 0.3, 0.1);
    String old = "{\"sentences\":[],\"entities\":[],\"labelProbabilities\":[0.1,0.2,0.7],\"sentencesInText\":0}";
    assertThat(AnalysisCodec.decode(old).stance()).isEmpty();
  }

  /** An entry says what made its readings; one written before it did (or by a run without a model) says nothing. */
  @Test
  void whatMadeTheReadingsSurvivesTheRoundTripAndWithoutReadingsLeavesCoreNlpsPart() {
    Analysis plain = new Analysis(
        List.of(new SentenceSentiment(0, "CUDA works, ROCm does not.", 6, 2, new double[] {0, 0, 1, 0, 0}, 0, true)),
        List.of(new EntityMention("ROCm", "MISC", "ROCm", 0)));
    Analysis a = plain.withLabels(new double[] {0.6, 0.3, 0.1}, List.of(new double[] {0.6, 0.3, 0.1}))
        .withStance(Map.of("cuda", new double[] {0.1, 0.2, 0.7}), Map.of(0, Map.of("rocm", new double[] {0.9, 0.1, 0})));
    AnalysisCodec.Entry back = AnalysisCodec.entry(AnalysisCodec.encode(a, "labels=sentiment@1a2b3c4d5e6f genre=1"));
    assertThat(back.labels()).isEqualTo("labels=sentiment@1a2b3c4d5e6f genre=1");
    assertThat(back.analysis()).usingRecursiveComparison().isEqualTo(a);
    assertThat(AnalysisCodec.decode(AnalysisCodec.encode(a, "x"))).usingRecursiveComparison().isEqualTo(a);
    assertThat(AnalysisCodec.entry(AnalysisCodec.encode(a)).labels()).isNull();

    Analysis stripped = a.withoutReadings();
    assertThat(stripped).usingRecursiveComparison().isEqualTo(plain);
    assertThat(stripped.labelProbabilities()).isNull();
    assertThat(stripped.stance()).isEmpty();
    assertThat(stripped.sentences().get(0).labelProbabilities()).isNull();
    assertThat(stripped.sentences().get(0).stance()).isEmpty();
  }

  @Test
  void anEntryThatIsNoObjectIsAnError() {
    assertThatThrownBy(() -> AnalysisCodec.entry("[1, 2]")).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("a JSON object");
  }

  @Test
  void aDamagedEntryIsAnError() {
    assertThatThrownBy(() -> AnalysisCodec.decode("{\"sentences\": [")).isInstanceOf(java.io.UncheckedIOException.class);
  }
}
