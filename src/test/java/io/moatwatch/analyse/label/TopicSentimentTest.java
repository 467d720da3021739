package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.analyse.label.TopicSentiment.Source;
import io.moatwatch.config.Labels;
import io.moatwatch.config.Labels.TopicStance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each topic's own label: the post's for one topic, the stance reading for several (no model needed). */
class TopicSentimentTest {
  private static final Map<String, String> BY_TOPIC = Map.of("CUDA", "cuda", "ROCm", "rocm", "tinygrad",
      "tinygrad");
  /** Only posts naming two or more topics are read toward them ({@code --topic-stance topics}). */
  private static final StanceTargets TARGETS = new StanceTargets(BY_TOPIC, TopicStance.TOPICS);
  /** Every post naming a topic is ({@code --topic-stance all}, the default). */
  private static final StanceTargets ALL = new StanceTargets(BY_TOPIC, TopicStance.ALL);
  private static final double[] NEGATIVE = {0.8, 0.15, 0.05};
  private static final double[] POSITIVE = {0.05, 0.15, 0.8};

  /** "CUDA just works. ROCm has been hell.": negative overall, positive toward CUDA, negative toward ROCm. */
  private static Analysis comparison() {
    SentenceSentiment s0 = new SentenceSentiment(0, "CUDA just works.", 4, 3, new double[] {0, 0, 0, 1, 0}, 0.5, true)
        .withLabelProbabilities(POSITIVE);
    SentenceSentiment s1 = new SentenceSentiment(1, "ROCm has been hell.", 5, 1, new double[] {0, 1, 0, 0, 0}, -0.5,
        true).withLabelProbabilities(NEGATIVE);
    return new Analysis(List.of(s0, s1), List.of()).withLabels(NEGATIVE, List.of(POSITIVE, NEGATIVE))
        .withStance(Map.of("cuda", POSITIVE, "rocm", NEGATIVE), Map.of());
  }

  @Test
  void aPostNamingTwoStacksGetsEachItsOwnReading() {
    Analysis a = comparison();
    PostSentiment post = PostSentiment.of(a, Labels.DEFAULT);
    assertThat(post.label()).isEqualTo("negative");
    List<TopicSentiment> topics = TopicSentiment.ofPost(a, post, List.of("CUDA", "ROCm"), false, TARGETS);
    assertThat(topics).extracting(TopicSentiment::topic, TopicSentiment::label, TopicSentiment::source)
        .containsExactly(tuple("CUDA", "positive", Source.STANCE),
            tuple("ROCm", "negative", Source.STANCE));
    assertThat(topics.get(0).score()).isEqualTo(0.75, offset(1e-9));
  }

  @Test
  void withTopicsOneTopicOrInheritedTopicsTakeThePostsOwnLabel() {
    Analysis a = comparison();
    PostSentiment post = PostSentiment.of(a, Labels.DEFAULT);
    assertThat(TopicSentiment.ofPost(a, post, List.of("ROCm"), false, TARGETS))
        .containsExactly(new TopicSentiment("ROCm", "negative", post.score(), Source.POST));
    // inherited from the thread: the post does not name them, so they are not read one by one
    assertThat(TopicSentiment.ofPost(a, post, List.of("CUDA", "ROCm"), true, TARGETS))
        .extracting(TopicSentiment::source).containsExactly(Source.POST, Source.POST);
    assertThat(TopicSentiment.postTargets(List.of("CUDA", "ROCm"), true, TARGETS)).isEmpty();
    assertThat(TopicSentiment.postTargets(List.of("CUDA", "ROCm"), false, TARGETS)).containsExactly("cuda", "rocm");
  }

  @Test
  void withoutAStanceReadingEveryTopicGetsThePostLabel() {
    Analysis a = comparison();
    PostSentiment post = PostSentiment.of(a, Labels.DEFAULT);
    assertThat(TopicSentiment.ofPost(a, post, List.of("CUDA", "ROCm"), false, StanceTargets.NONE))
        .extracting(TopicSentiment::label).containsExactly("negative", "negative");
    assertThat(TopicSentiment.postTargets(List.of("CUDA", "ROCm"), false, StanceTargets.NONE)).isEmpty();
    SentenceSentiment both = a.sentences().get(0);
    assertThat(TopicSentiment.ofSentence(both, PostSentiment.sentence(both, Labels.DEFAULT), List.of("CUDA", "ROCm"),
        StanceTargets.NONE)).extracting(TopicSentiment::label, TopicSentiment::source)
        .containsExactly(tuple("positive", Source.SENTENCE), tuple("positive", Source.SENTENCE));
  }

  @Test
  void sentencesNamingTwoTopicsAreReadTowardEach() {
    SentenceSentiment both = new SentenceSentiment(0, "CUDA works, ROCm does not.", 6, 2, new double[] {0, 0, 1, 0, 0},
        0, true).withLabelProbabilities(NEGATIVE).withStance(Map.of("cuda", POSITIVE, "rocm", NEGATIVE));
    PostSentiment.Sentence own = PostSentiment.sentence(both, Labels.DEFAULT);
    assertThat(TopicSentiment.ofSentence(both, own, List.of("CUDA", "ROCm"), TARGETS))
        .extracting(TopicSentiment::label, TopicSentiment::source)
        .containsExactly(tuple("positive", Source.STANCE),
            tuple("negative", Source.STANCE));
    assertThat(TopicSentiment.ofSentence(both, own, List.of("ROCm"), TARGETS))
        .containsExactly(new TopicSentiment("ROCm", "negative", own.score(), Source.SENTENCE));
    assertThat(TopicSentiment.sentenceTargets(List.of(List.of("CUDA"), List.of("CUDA", "tinygrad"), List.of()),
        TARGETS)).isEqualTo(Map.of(1, Set.of("cuda", "tinygrad")));
  }

  @Test
  void withAllAPostNamingOneTopicIsReadTowardItToo() {
    // "CUDA just works. ROCm has been hell." read toward ROCm alone: negative (the post's tone is too, here)
    Analysis a = comparison();
    PostSentiment post = PostSentiment.of(a, Labels.DEFAULT);
    assertThat(TopicSentiment.ofPost(a, post, List.of("CUDA"), false, ALL))
        .containsExactly(new TopicSentiment("CUDA", "positive", 0.75, Source.STANCE));
    assertThat(TopicSentiment.postTargets(List.of("ROCm"), false, ALL)).containsExactly("rocm");
    // inherited topics are the thread's, not the post's words: never read one by one
    assertThat(TopicSentiment.postTargets(List.of("ROCm"), true, ALL)).isEmpty();
    assertThat(TopicSentiment.ofPost(a, post, List.of("CUDA", "ROCm"), true, ALL))
        .extracting(TopicSentiment::source).containsExactly(Source.POST, Source.POST);
    assertThat(TopicSentiment.postTargets(List.of(), false, ALL)).isEmpty();
    // a topic the run's model has no target for takes the post's label
    assertThat(TopicSentiment.ofPost(a, post, List.of("Metal"), false, ALL))
        .containsExactly(new TopicSentiment("Metal", "negative", post.score(), Source.POST));
  }

  @Test
  void anUnscoredPostHasNoTopicLabels() {
    Analysis a = new Analysis(List.of(new SentenceSentiment(0, "x ".repeat(100), 100, -1, new double[0], 0, false)),
        List.of());
    PostSentiment post = PostSentiment.of(a, new Labels(Labels.Source.CORENLP, -0.15, 0.15, null));
    assertThat(TopicSentiment.ofPost(a, post, List.of("CUDA", "ROCm"), false, TARGETS)).isEmpty();
  }
}
