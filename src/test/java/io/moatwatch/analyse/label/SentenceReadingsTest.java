package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.config.Labels.SentenceLabels;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentenceReadingsTest {
  private static final double[] P = {0.2, 0.5, 0.3};

  /** Four sentences: one names a topic, one an entity, one an entity in a code block only (-1), one nothing. */
  private static Analysis post() {
    return new Analysis(List.of(sentence(0, "ROCm 6.2 finally installs."), sentence(1, "My 7900 XTX is fine now."),
        sentence(2, "Thanks for the help."), sentence(3, "See the log below.")),
        List.of(new EntityMention("7900 XTX", "HARDWARE", "RX 7900 XTX", 1),
            new EntityMention("gfx1100", "GPU_ARCH", "gfx1100", -1)));
  }

  private static SentenceSentiment sentence(int i, String text) {
    return new SentenceSentiment(i, text, 5, 2, new double[] {0, 0, 1, 0, 0}, 0, true);
  }

  private static final List<List<String>> TOPICS = List.of(List.of("ROCm"), List.of(), List.of(), List.of());

  @Test
  void namedReadsTheSentencesNamingATopicOrAnEntityInTheProse() {
    assertThat(SentenceReadings.of(post(), TOPICS, SentenceLabels.NAMED)).containsExactly(0, 1);
    assertThat(SentenceReadings.of(post(), TOPICS, SentenceLabels.ALL)).containsExactly(0, 1, 2, 3);
    Analysis none = new Analysis(post().sentences(), List.of());
    assertThat(SentenceReadings.of(none, List.of(List.of(), List.of(), List.of(), List.of()), SentenceLabels.NAMED))
        .isEmpty();
  }

  @Test
  void lackingIsWhatTheAnalysisHasNoReadingFor() {
    Analysis a = post().withLabels(P, Arrays.asList(P, null, P, null));
    assertThat(SentenceReadings.lacking(a, Set.of(0, 1))).containsExactly(1);
    assertThat(SentenceReadings.lacking(a, Set.of(0, 1, 2, 3))).containsExactly(1, 3);
    assertThat(SentenceReadings.lacking(a, Set.of(0, 2))).isEmpty();
  }

  @Test
  void onlyTakesAwayTheReadingsOfTheOtherSentences() {
    Analysis every = post().withLabels(P, List.of(P, P, P, P)); // from a run with --sentence-labels all
    Analysis named = SentenceReadings.only(every, Set.of(0, 1));
    assertThat(named.labelProbabilities()).containsExactly(P);
    assertThat(named.sentences()).extracting(SentenceSentiment::labelProbabilities)
        .containsExactly(P, P, null, null);
    assertThat(named.sentences().get(2).sentimentClass()).as("CoreNLP's figures stay").isEqualTo(2);
    Analysis same = SentenceReadings.only(named, Set.of(0, 1));
    assertThat(same).as("nothing to take away: the same analysis").isSameAs(named);
  }
}
