package io.moatwatch.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.analyse.label.LabelModelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  @Test
  void keysDependOnTheTextAndThePipeline() {
    String k = CacheKey.of("corenlp-4.5.10/sr", "ROCm works.");
    assertThat(k).hasSize(64).matches("[0-9a-f]+");
    assertThat(CacheKey.of("corenlp-4.5.10/sr", "ROCm works.")).isEqualTo(k);
    assertThat(CacheKey.of("corenlp-4.5.10/pcfg", "ROCm works.")).isNotEqualTo(k);
    assertThat(CacheKey.of("corenlp-4.5.10/sr", "ROCm works!")).isNotEqualTo(k);
    // printf 'a\nb' | sha256sum
    assertThat(CacheKey.of("a", "b")).isEqualTo("7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78");
  }

  /** What a post's readings are made by, kept beside its entry: the model, and the path its platform takes. */
  @Test
  void aPostsReadingsAreTheModelsAndThePathsOfItsPlatform() {
    String sha = "1a2b3c4d5e6f" + "0".repeat(52);
    LabelModelSpec routed = new LabelModelSpec("sentiment", "mine", sha, 256, null,
        new LabelModelSpec.Genres("genre", Map.of("stackexchange", 1)));
    assertThat(routed.readings("reddit")).isEqualTo("labels=sentiment@1a2b3c4d5e6f");
    assertThat(routed.readings(null)).isEqualTo("labels=sentiment@1a2b3c4d5e6f");
    assertThat(routed.readings("stackexchange")).isEqualTo("labels=sentiment@1a2b3c4d5e6f genre=1");
    LabelModelSpec plain = new LabelModelSpec("sentiment", "mine", sha, 256, null, null);
    assertThat(plain.readings("stackexchange")).isEqualTo(plain.signature());
  }
}
