package io.moatwatch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.moatwatch.stats.Prevalence;
import io.moatwatch.stats.Wilson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** topic_daily's figures from counts, without Spark ({@code SampleRunIT} checks them in the job's own table). */
class DailyFiguresTest {
  private static final DailyFigures.Key CUDA_HN_19 = new DailyFigures.Key("2026-11-19", "CUDA", "hackernews");
  private static final DailyFigures.Key CUDA_GH_19 = new DailyFigures.Key("2026-11-19", "CUDA", "github");
  private static final DailyFigures.Key ROCM_HN_19 = new DailyFigures.Key("2026-11-19", "ROCm", "hackernews");
  private static final DailyFigures.Key CUDA_HN_20 = new DailyFigures.Key("2026-11-20", "CUDA", "hackernews");

  /** Posts with the given topic labels (positive, neutral, negative); the other counts follow from them. */
  private static DailyFigures.Counts counts(DailyFigures.Key key, long positive, long neutral, long negative) {
    long posts = positive + neutral + negative;
    return new DailyFigures.Counts(key, posts, posts - 1, 2 * posts, posts, 1, positive, neutral, negative, 0.1,
        negative, neutral, positive, -0.2);
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, DailyFigures.Key key) {
    return rows.stream().filter(r -> r.get("dt").equals(key.dt()) && r.get("topic").equals(key.topic())
        && r.get("source").equals(key.source())).findFirst().orElseThrow();
  }

  @Test
  void everyColumnInTheTablesOrder() {
    List<Map<String, Object>> rows = DailyFigures.rows(List.of(counts(CUDA_HN_19, 3, 1, 1)), Map.of(), Map.of(), 5,
        null);
    assertThat(rows).hasSize(1);
    assertThat(List.copyOf(rows.get(0).keySet())).isEqualTo(TopicDaily.COLUMNS);
  }

  @Test
  void sharesNetSentimentAndTheirIntervals() {
    Map<String, Object> r = DailyFigures.rows(List.of(counts(CUDA_HN_19, 3, 1, 1)), Map.of(), Map.of(), 10, null)
        .get(0);
    assertThat(r.get("posts")).isEqualTo(5L);
    assertThat((double) r.get("positive_share")).isEqualTo(0.6);
    assertThat((double) r.get("negative_share")).isEqualTo(0.2);
    double[] wilson = Wilson.interval(3, 5, Wilson.Z95);
    assertThat((double) r.get("positive_share_low")).isEqualTo(wilson[0]);
    assertThat((double) r.get("positive_share_high")).isEqualTo(wilson[1]);
    assertThat((double) r.get("net_sentiment")).isEqualTo(0.5);
    assertThat((double) r.get("net_sentiment_all")).isEqualTo(0.4);
    double[] net = Wilson.net(3, 1);
    assertThat((double) r.get("net_sentiment_low")).isEqualTo(net[0]);
    assertThat((double) r.get("net_sentiment_high")).isEqualTo(net[1]);
    // CoreNLP's counts are the other way round in this fixture: (1 - 3) / 4.
    assertThat((double) r.get("corenlp_net_sentiment")).isEqualTo(-0.5);
    assertThat(r.get("low_volume")).isEqualTo(true);
    assertThat(r.get("adjusted_positive_share")).as("no model, no correction").isNull();
    assertThat(r.get("adjusted_net_sentiment")).isNull();
  }

  @Test
  void noNetSentimentWithoutPositiveOrNegativePosts() {
    Map<String, Object> r = DailyFigures.rows(List.of(counts(CUDA_HN_19, 0, 4, 0)), Map.of(), Map.of(), 1, null)
        .get(0);
    assertThat(r.get("net_sentiment")).isNull();
    assertThat(r.get("net_sentiment_low")).isNull();
    assertThat((double) r.get("net_sentiment_all")).isEqualTo(0.0);
    assertThat(r.get("low_volume")).isEqualTo(false);
  }

  @Test
  void shareOfVoiceWithinEachSourceAndOverAll() {
    List<Map<String, Object>> rows = DailyFigures.rows(List.of(counts(CUDA_HN_19, 3, 0, 0),
        counts(CUDA_GH_19, 1, 0, 0), counts(ROCM_HN_19, 1, 1, 0)), Map.of(), Map.of(), 1, null);
    assertThat((double) row(rows, CUDA_HN_19).get("share_of_voice")).isEqualTo(3.0 / 5);
    assertThat((double) row(rows, CUDA_GH_19).get("share_of_voice")).isEqualTo(1.0);
    assertThat((double) row(rows, ROCM_HN_19).get("share_of_voice")).isEqualTo(2.0 / 5);
    assertThat((double) row(rows, CUDA_GH_19).get("share_of_voice_all_sources")).isEqualTo(4.0 / 6);
    assertThat((double) row(rows, ROCM_HN_19).get("share_of_voice_all_sources")).isEqualTo(2.0 / 6);
  }

  @Test
  void mentionFiguresAreZeroCountsAndNullSharesWithoutMentions() {
    DailyFigures.Mentions m = new DailyFigures.Mentions(4, 1, 0, 3, -0.4);
    List<Map<String, Object>> rows = DailyFigures.rows(List.of(counts(CUDA_HN_19, 1, 0, 0),
        counts(ROCM_HN_19, 1, 0, 0)), Map.of(ROCM_HN_19, m), Map.of(), 1, null);
    Map<String, Object> none = row(rows, CUDA_HN_19);
    assertThat(none.get("mention_sentences")).isEqualTo(0L);
    assertThat(none.get("mention_negative")).isEqualTo(0L);
    assertThat(none.get("mention_mean_score")).isNull();
    assertThat(none.get("mention_net_sentiment")).isNull();
    assertThat(none.get("mention_negative_share")).isNull();
    assertThat(none.get("mention_net_sentiment_low")).isNull();
    Map<String, Object> some = row(rows, ROCM_HN_19);
    assertThat(some.get("mention_sentences")).isEqualTo(4L);
    assertThat((double) some.get("mention_mean_score")).isEqualTo(-0.4);
    assertThat((double) some.get("mention_net_sentiment")).isEqualTo(-0.5);
    assertThat((double) some.get("mention_negative_share")).isEqualTo(0.75);
    assertThat((double) some.get("mention_negative_share_high")).isEqualTo(Wilson.interval(3, 4, Wilson.Z95)[1]);
    assertThat((double) some.get("mention_net_sentiment_low")).isEqualTo(Wilson.net(1, 3)[0]);
  }

  @Test
  void changeAgainstTheDayBeforeFromThisRunOrFromTheWrittenDay() {
    DailyFigures.Previous written = new DailyFigures.Previous(7L, 0.25, 0.3);
    List<Map<String, Object>> rows = DailyFigures.rows(List.of(counts(CUDA_HN_19, 3, 0, 1),
        counts(CUDA_HN_20, 1, 0, 1), counts(ROCM_HN_19, 1, 0, 0)),
        Map.of(), Map.of(new DailyFigures.Key("2026-11-18", "CUDA", "hackernews"), written), 1, null);
    Map<String, Object> day20 = row(rows, CUDA_HN_20);
    assertThat(day20.get("posts_prev")).as("this run's day before").isEqualTo(4L);
    assertThat(day20.get("posts_change")).isEqualTo(-2L);
    assertThat((double) day20.get("net_sentiment_prev")).isEqualTo(0.5);
    assertThat((double) day20.get("net_sentiment_change")).isEqualTo(-0.5);
    assertThat((double) day20.get("mean_score_change")).isEqualTo(0.0);
    Map<String, Object> day19 = row(rows, CUDA_HN_19);
    assertThat(day19.get("posts_prev")).as("the written day before").isEqualTo(7L);
    assertThat(day19.get("posts_change")).isEqualTo(-3L);
    assertThat((double) day19.get("net_sentiment_change")).isEqualTo(0.5 - 0.25);
    assertThat((double) day19.get("mean_score_change")).isCloseTo(0.1 - 0.3, within(1e-15));
    Map<String, Object> rocm = row(rows, ROCM_HN_19);
    assertThat(rocm.get("posts_prev")).as("no day before").isNull();
    assertThat(rocm.get("posts_change")).isNull();
    assertThat(rocm.get("net_sentiment_change")).isNull();
  }

  @Test
  void adjustedSharesAreThePrevalenceCorrection() {
    long[][] confusion = {{80, 15, 5}, {10, 80, 10}, {5, 15, 80}};
    Map<String, Object> r = DailyFigures.rows(List.of(counts(CUDA_HN_19, 6, 3, 11)), Map.of(), Map.of(), 1,
        confusion).get(0);
    double[] expected = new Prevalence(confusion).adjustWithInterval(new long[] {11, 3, 6}, DailyFigures.RESAMPLES,
        DailyFigures.SEED);
    assertThat((double) r.get("adjusted_negative_share")).isEqualTo(expected[0]);
    assertThat((double) r.get("adjusted_positive_share")).isEqualTo(expected[2]);
    assertThat((double) r.get("adjusted_neutral_share_low")).isEqualTo(expected[4]);
    assertThat((double) r.get("adjusted_negative_share_high")).isEqualTo(expected[6]);
    assertThat((double) r.get("adjusted_net_sentiment"))
        .isEqualTo((expected[2] - expected[0]) / (expected[2] + expected[0]));
    // The model undercounts extremes here, so the correction moves the negative share up from 11 / 20.
    assertThat((double) r.get("adjusted_negative_share")).isGreaterThan(0.55);
  }
}
