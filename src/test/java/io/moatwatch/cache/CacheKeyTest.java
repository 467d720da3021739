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

  @Test
  void aPostReadThroughAGenresOwnPathHasAKeyOfItsOwnAndEveryOtherPostThePipelines() {
    LabelModelSpec.Genres genres = new LabelModelSpec.Genres("genre", Map.of("stackexchange", 1));
    assertThat(CacheKey.signature("p", genres.of("reddit"))).isEqualTo("p");
    assertThat(CacheKey.signature("p", genres.of(null))).isEqualTo("p");
    assertThat(CacheKey.signature("p", genres.of("stackexchange"))).isEqualTo("p genre=1");
    assertThat(CacheKey.of(CacheKey.signature("p", 1), "ROCm works.")).isNotEqualTo(CacheKey.of("p", "ROCm works."));
  }
}
