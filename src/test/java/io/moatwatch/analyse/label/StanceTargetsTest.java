package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Labels.TopicStance;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class StanceTargetsTest {
  private static final List<String> TRAINED = List.of("apple-silicon", "cuda", "hip", "metal", "rocm", "tinygrad");

  @Test
  void theBuiltInTopicsAreReadTowardTheirOwnNames() throws Exception {
    StanceTargets t = StanceTargets.of(TopicsFile.load(TopicsFile.BUILTIN), TRAINED, TopicStance.ALL);
    assertThat(t.byTopic()).containsEntry("CUDA", "cuda").containsEntry("ROCm", "rocm")
        .containsEntry("tinygrad", "tinygrad").hasSize(3);
    assertThat(t.when()).isEqualTo(TopicStance.ALL);
  }

  @Test
  void aUsersTopicMapsByItsNameThenItsAliasesThenItsNameAnyway() throws Exception {
    TopicSet topics = TopicsFile.parse("""
        [Apple Silicon]
        aliases = m1, m2, apple silicon
        [AMD compute]
        aliases = rocm, amd gpu
        [Vulkan]
        aliases = vulkan, vk
        """, "mine.topics");
    StanceTargets t = StanceTargets.of(topics, TRAINED, TopicStance.TOPICS);
    assertThat(t.of("Apple Silicon")).isEqualTo("apple silicon"); // its name, as trained ('-' read as a space)
    assertThat(t.of("AMD compute")).isEqualTo("rocm"); // an alias is a trained target
    assertThat(t.of("Vulkan")).isEqualTo("vulkan"); // not trained on: its own name
    assertThat(t.of("Metal")).isNull();
  }
}
