package io.moatwatch.output;

import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.stats.Prevalence;
import io.moatwatch.stats.Wilson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code topic_daily} figures from each day x topic x source's counts: shares and net sentiment with their 95 %
 * intervals, the shares corrected for the label model's known errors, share of voice, the mention-level figures and
 * the change against the day before. Pure: {@link TopicDaily} counts in Spark and hands the counts here, on the
 * driver, because the table has a few rows per day (one per topic and source) and each Spark step over them cost
 * more than the figures (BENCHMARKS.md, "The write stage, looked at again").
 */
public final class DailyFigures {
  /** Bootstrap resamples for the adjusted shares' intervals, and their seed (the same output on every run). */
  static final int RESAMPLES = 1000;
  static final long SEED = 20261201L;

  private DailyFigures() {}

  /** A day x topic x source, the table's key. */
  public record Key(String dt, String topic, String source) {}

  /**
   * One group's post-level counts: each post counted once per topic with that topic's label ({@code positive} ...
   * {@code negative}, {@code meanScore}) and CoreNLP's post label; {@code sentences} is null when no post had a count.
   */
  public record Counts(Key key, long posts, long postsDirect, Long sentences, long authors, long threads,
      long positive, long neutral, long negative, Double meanScore, long corenlpPositive, long corenlpNeutral,
      long corenlpNegative, Double corenlpMeanScore) {}

  /** One group's scored sentences that name the topic, each with the topic's label in it. */
  public record Mentions(long sentences, long positive, long neutral, long negative, Double meanScore) {}

  /** The figures the change is taken against, from a row of the day before. */
  public record Previous(Long posts, Double netSentiment, Double meanScore) {}

  /**
   * The table's rows, one per group of {@code counts} in their order, each a column name to value map in
   * {@link TopicDaily#COLUMNS}' order.
   *
   * @param mentions    the mention counts by group (a group without is 0 sentences)
   * @param previousDay rows already written for days before this run's (by key), or empty; the groups of
   *                    {@code counts} are used first
   * @param lowVolume   fewer posts flag a row {@code low_volume}
   * @param confusion   the label model's validation confusion matrix (rows true, columns predicted, negative /
   *                    neutral / positive), or null: no {@code adjusted_*} figures
   */
  public static List<Map<String, Object>> rows(List<Counts> counts, Map<Key, Mentions> mentions,
      Map<Key, Previous> previousDay, int lowVolume, long[][] confusion) {
    // Share of voice's totals, by day and source (no topic) and by day and topic (no source); a null source or topic
    // is a group of its own, as in a group-by.
    Map<Key, Long> daySource = new HashMap<>();
    Map<Key, Long> dayTopic = new HashMap<>();
    Map<String, Long> day = new HashMap<>();
    Map<Key, Previous> thisRun = new HashMap<>();
    for (Counts c : counts) {
      Key k = c.key();
      daySource.merge(bySource(k), c.posts(), Long::sum);
      dayTopic.merge(byTopic(k), c.posts(), Long::sum);
      day.merge(k.dt(), c.posts(), Long::sum);
      thisRun.put(k, new Previous(c.posts(), net(c.positive(), c.negative()), c.meanScore()));
    }
    Prevalence prevalence = confusion == null ? null : new Prevalence(confusion);
    List<Map<String, Object>> out = new ArrayList<>(counts.size());
    for (Counts c : counts) {
      Key k = c.key();
      Map<String, Object> r = new HashMap<>();
      r.put("topic", k.topic());
      r.put("source", k.source());
      r.put("posts", c.posts());
      r.put("posts_direct", c.postsDirect());
      r.put("sentences", c.sentences());
      r.put("authors", c.authors());
      r.put("threads", c.threads());
      r.put("positive", c.positive());
      r.put("neutral", c.neutral());
      r.put("negative", c.negative());
      r.put("mean_score", c.meanScore());
      Double netSentiment = net(c.positive(), c.negative());
      r.put("net_sentiment", netSentiment);
      r.put("net_sentiment_all", (double) (c.positive() - c.negative()) / c.posts());
      r.put("corenlp_positive", c.corenlpPositive());
      r.put("corenlp_neutral", c.corenlpNeutral());
      r.put("corenlp_negative", c.corenlpNegative());
      r.put("corenlp_mean_score", c.corenlpMeanScore());
      r.put("corenlp_net_sentiment", net(c.corenlpPositive(), c.corenlpNegative()));
      r.put("low_volume", c.posts() < lowVolume);
      shares(r, "", c.positive(), c.neutral(), c.negative(), c.posts());
      netInterval(r, "net_sentiment", c.positive(), c.negative());
      adjusted(r, prevalence, c.negative(), c.neutral(), c.positive());
      r.put("share_of_voice", (double) c.posts() / daySource.get(bySource(k)));
      r.put("share_of_voice_all_sources",
          (double) dayTopic.get(byTopic(k)) / day.get(k.dt()));
      Mentions m = mentions.get(k);
      if (m == null) {
        m = new Mentions(0, 0, 0, 0, null);
        r.put("mention_net_sentiment", null);
      } else {
        r.put("mention_net_sentiment", net(m.positive(), m.negative()));
      }
      r.put("mention_sentences", m.sentences());
      r.put("mention_positive", m.positive());
      r.put("mention_neutral", m.neutral());
      r.put("mention_negative", m.negative());
      r.put("mention_mean_score", m.meanScore());
      netInterval(r, "mention_net_sentiment", m.positive(), m.negative());
      shares(r, "mention_", m.positive(), m.neutral(), m.negative(), m.sentences());
      Previous p = previous(k, thisRun, previousDay);
      r.put("posts_prev", p.posts());
      r.put("posts_change", p.posts() == null ? null : c.posts() - p.posts());
      r.put("net_sentiment_prev", p.netSentiment());
      r.put("net_sentiment_change", minus(netSentiment, p.netSentiment()));
      r.put("mean_score_change", minus(c.meanScore(), p.meanScore()));
      r.put("dt", k.dt());
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (String column : TopicDaily.COLUMNS) {
        if (!r.containsKey(column)) {
          throw new IllegalStateException("topic_daily column " + column + " has no figure");
        }
        ordered.put(column, r.get(column));
      }
      out.add(ordered);
    }
    return out;
  }

  /** (P - N) / (P + N); null when both are 0. */
  static Double net(long p, long n) {
    return p + n > 0 ? (double) (p - n) / (p + n) : null;
  }

  /** The same over shares; null when either is. */
  static Double net(Double p, Double n) {
    return p == null || n == null || !(p + n > 0) ? null : (p - n) / (p + n);
  }

  /** The change of a figure; null when either side is. */
  private static Double minus(Double now, Double before) {
    return now == null || before == null ? null : now - before;
  }

  private static Key bySource(Key k) {
    return new Key(k.dt(), null, k.source());
  }

  private static Key byTopic(Key k) {
    return new Key(k.dt(), k.topic(), null);
  }

  /** The same topic and source the day before: this run's rows first, then the written ones; nothing without. */
  private static Previous previous(Key k, Map<Key, Previous> thisRun, Map<Key, Previous> previousDay) {
    String before = dayBefore(k.dt());
    if (before == null || k.topic() == null || k.source() == null) {
      return new Previous(null, null, null);
    }
    Key prev = new Key(before, k.topic(), k.source());
    Previous p = thisRun.get(prev);
    if (p == null) {
      p = previousDay.get(prev);
    }
    return p == null ? new Previous(null, null, null) : p;
  }

  private static String dayBefore(String dt) {
    try {
      return dt == null ? null : LocalDate.parse(dt).minusDays(1).toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code <prefix><label>_share} with its 95 % Wilson interval for each label; null shares when the total is 0. */
  private static void shares(Map<String, Object> r, String prefix, long positive, long neutral, long negative,
      long total) {
    Map<String, Long> counts = Map.of("positive", positive, "neutral", neutral, "negative", negative);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long k = e.getValue();
      String name = prefix + e.getKey() + "_share";
      r.put(name, total > 0 ? (double) k / total : null);
      double[] i = Wilson.interval(k, total, Wilson.Z95);
      r.put(name + "_low", i == null ? null : i[0]);
      r.put(name + "_high", i == null ? null : i[1]);
    }
  }

  /** {@code <net>_low} and {@code <net>_high}: the 95 % interval of a net sentiment. */
  private static void netInterval(Map<String, Object> r, String net, long positive, long negative) {
    double[] i = Wilson.net(positive, negative);
    r.put(net + "_low", i == null ? null : i[0]);
    r.put(net + "_high", i == null ? null : i[1]);
  }

  /** The shares corrected for the label model's known errors ({@link Prevalence#adjustWithInterval}), or nulls. */
  private static void adjusted(Map<String, Object> r, Prevalence prevalence, long negative, long neutral,
      long positive) {
    double[] a = prevalence == null ? null
        : prevalence.adjustWithInterval(new long[] {negative, neutral, positive}, RESAMPLES, SEED);
    List<String> labels = LabelModelSpec.LABELS;
    int k = labels.size();
    for (int c = 0; c < k; c++) {
      String name = "adjusted_" + labels.get(c) + "_share";
      // Prevalence's layout: the k shares, then the k lows, then the k highs.
      r.put(name, a == null ? null : a[c]);
      r.put(name + "_low", a == null ? null : a[k + c]);
      r.put(name + "_high", a == null ? null : a[2 * k + c]);
    }
    Double p = (Double) r.get("adjusted_positive_share");
    Double n = (Double) r.get("adjusted_negative_share");
    r.put("adjusted_net_sentiment", net(p, n));
  }
}
