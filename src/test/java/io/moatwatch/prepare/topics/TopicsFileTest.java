package io.moatwatch.prepare.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsFileTest {
  private static TopicSet defaults;

  @BeforeAll
  static void load() throws Exception {
    defaults = TopicsFile.load(TopicsFile.BUILTIN);
  }

  @Test
  void defaultsAreTheThreeStacks() {
    assertThat(defaults.names()).containsExactly("tinygrad", "ROCm", "CUDA");
  }

  @Test
  void aliasesMatchAsWholeWordsInAnyCase() {
    assertThat(defaults.match("Tried TinyGrad yesterday")).containsExactly("tinygrad");
    assertThat(defaults.match("rocm 7.1 and Cuda 12")).containsExactly("ROCm", "CUDA");
    assertThat(defaults.match("tiny corp shipped the tinybox")).containsExactly("tinygrad");
  }

  @Test
  void versionNumbersMayFollowAnAlias() {
    assertThat(defaults.match("upgraded to CUDA12 and rocm6")).containsExactly("ROCm", "CUDA");
  }

  @Test
  void aliasesInsideLongerWordsDoNotCount() {
    assertThat(defaults.match("A barracuda is a fish")).isEmpty();
    assertThat(defaults.match("cudafy is not cuda-related")).containsExactly("CUDA");
    assertThat(defaults.match("the barracuda")).isEmpty();
  }

  @Test
  void namesInsideChineseJapaneseAndKoreanTextCount() {
    assertThat(defaults.match("我在我的显卡上安装了ROCm，但是它不能正常工作")).containsExactly("ROCm");
    assertThat(defaults.match("ROCmをインストールしましたが、動作しません")).containsExactly("ROCm");
    assertThat(defaults.match("내 그래픽 카드에 ROCm을 설치했지만")).containsExactly("ROCm");
    assertThat(defaults.match("la barracudaとCUDAfy")).isEmpty();
  }

  @Test
  void apiCallPatternsCount() {
    assertThat(defaults.match("cudaMalloc returned an error")).containsExactly("CUDA");
    assertThat(defaults.match("hipMalloc returned an error")).containsExactly("ROCm");
  }

  @Test
  void hipCountsOnlyAsTheAmdApi() {
    assertThat(defaults.match("We ported the kernels to HIP")).containsExactly("ROCm");
    assertThat(defaults.match("my hip hurts after the conference")).isEmpty();
    assertThat(defaults.match("HIP HOP playlists for coding")).isEmpty();
  }

  @Test
  void matchesAcrossSeveralTexts() {
    assertThat(defaults.match("Title about ROCm", "body about nothing")).containsExactly("ROCm");
  }

  @Test
  void userFilesAreReadWithCommentsAndRepeatedKeys(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mine.topics");
    Files.writeString(f, """
        # my topics
        [Vulkan]
        aliases = vulkan
        aliases = vk compute
        pattern = \\bvk[A-Z]\\w+
        exclude = (?i)vulkan\\s+salute
        """);
    TopicSet set = TopicsFile.load(f.toString());
    assertThat(set.names()).containsExactly("Vulkan");
    assertThat(set.match("VK compute shaders")).containsExactly("Vulkan");
    assertThat(set.match("vkCreateInstance failed")).containsExactly("Vulkan");
    assertThat(set.match("the Vulkan salute from Star Trek")).isEmpty();
    assertThat(set.origin()).isEqualTo(f.toString());
  }

  @Test
  void errorsNameTheLineAndTheReason() {
    assertThatThrownBy(() -> TopicsFile.parse("[A]\nalias = x\n", "t.topics"))
        .isInstanceOf(TopicsFileException.class)
        .hasMessage("t.topics line 2: unknown key 'alias' (expected aliases, exact_case, pattern, exclude, entities, repository, subreddit, tag, discourse_category or discord)");
    assertThatThrownBy(() -> TopicsFile.parse("aliases = x\n", "t.topics"))
        .hasMessage("t.topics line 1: 'aliases' appears before any [TopicName] header");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\npattern = (unclosed\n", "t.topics"))
        .hasMessageStartingWith("t.topics line 2: bad regular expression '(unclosed': Unclosed group");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = a\n[A]\naliases = b\n", "t.topics"))
        .hasMessage("t.topics line 3: topic 'A' is defined twice");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\n", "t.topics"))
        .hasMessage("t.topics: topic 'A' has no aliases, exact_case or pattern");
    assertThatThrownBy(() -> TopicsFile.parse("# nothing\n", "t.topics"))
        .hasMessage("t.topics: no topics defined (add a [TopicName] section with aliases)");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases =\n", "t.topics"))
        .hasMessage("t.topics line 2: 'aliases' has no value");
    // such an alias would match the empty string, so every post
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = rocm, - \n", "t.topics"))
        .hasMessage("t.topics line 2: alias '-' has nothing but hyphens and spaces");
  }

  @Test
  void missingFileIsAClearError() {
    assertThatThrownBy(() -> TopicsFile.load("/no/such/file.topics"))
        .hasMessage("topics file /no/such/file.topics does not exist or is not readable");
  }

  @Test
  void entitiesKeyListsTheTopicsCanonicalNamesWithTheirLines() throws Exception {
    TopicSet t = TopicsFile.parse("[ROCm]\naliases = rocm\nentities = AMD, MI300X\nentities = Lisa Su, AMD\n", "t");
    assertThat(t.topics().get(0).entities()).containsExactly(
        java.util.Map.entry("AMD", 3), java.util.Map.entry("MI300X", 3), java.util.Map.entry("Lisa Su", 4));
    assertThat(t.unknownEntity(java.util.Set.of("AMD", "MI300X", "Lisa Su"))).isNull();
    assertThat(t.unknownEntity(java.util.Set.of("AMD", "Lisa Su")))
        .isEqualTo("t line 3: entity 'MI300X' of topic 'ROCm' is not a canonical name in the gazetteer"
            + " (docs/ENTITIES.md)");
  }

  @Test
  void defaultTopicsNameOnlyEntitiesOfTheBuiltinGazetteer() throws Exception {
    var gazetteer = io.moatwatch.analyse.entities.GazetteerFile.load(
        java.util.List.of(io.moatwatch.analyse.entities.GazetteerFile.BUILTIN));
    assertThat(defaults.unknownEntity(gazetteer.canonicalNames())).isNull();
    assertThat(defaults.topics().get(1).entityNames()).contains("AMD", "HIP", "MI300X", "Lisa Su");
    assertThat(defaults.topics().get(2).entityNames()).contains("NVIDIA", "H100", "Jensen Huang");
    assertThat(defaults.topics().get(0).entityNames()).contains("George Hotz", "tinybox");
  }

  @Test
  void communityRulesMapPlacesToTopics() throws Exception {
    TopicSet set = TopicsFile.parse("""
        [Triton]
        aliases = triton
        repository = triton-lang/*, openai/triton
        subreddit = r/Triton
        tag = triton, triton-*
        discourse_category = 42
        discord = GPU MODE/triton, Triton Lang
        """, "t.topics");
    Topic t = set.topics().get(0);
    assertThat(t.homes()).hasSize(8);
    assertThat(t.livesIn("github", "triton-lang/triton", List.of())).isTrue();
    assertThat(t.livesIn("github", "Triton-Lang/triton-cpu", List.of())).isTrue(); // any case
    assertThat(t.livesIn("github", "openai/triton", List.of())).isTrue();
    assertThat(t.livesIn("github", "openai/whisper", List.of())).isFalse();
    assertThat(t.livesIn("reddit", "triton-lang/triton", List.of())).isFalse(); // a repository rule is GitHub's
    assertThat(t.livesIn("reddit", "triton", List.of())).isTrue(); // "r/" is optional
    assertThat(t.livesIn("stackexchange", "stackoverflow.com", List.of("python", "triton-kernels"))).isTrue();
    assertThat(t.livesIn("discourse", "some-topic-slug", List.of("category:42"))).isTrue();
    assertThat(t.livesIn("discourse", "some-topic-slug", List.of("category:420"))).isFalse();
    assertThat(t.livesIn("discord", "GPU MODE / Text Channels / triton", List.of())).isTrue();
    assertThat(t.livesIn("discord", "GPU MODE / Text Channels / cuda", List.of())).isFalse();
    assertThat(t.livesIn("discord", "Triton Lang / Text Channels / general", List.of())).isTrue(); // any channel
  }

  @Test
  void theDefaultsKnowTheStacksOwnHomes() {
    Topic rocm = defaults.topics().get(1);
    Topic cuda = defaults.topics().get(2);
    assertThat(rocm.livesIn("github", "ROCm/HIP", List.of())).isTrue();
    assertThat(rocm.livesIn("github", "RadeonOpenCompute/ROCm", List.of())).isTrue();
    assertThat(cuda.livesIn("github", "NVIDIA/cutlass", List.of())).isTrue();
    assertThat(cuda.livesIn("github", "NVIDIA/open-gpu-kernel-modules", List.of())).isFalse();
    assertThat(defaults.topics().get(0).livesIn("github", "tinygrad/tinybox", List.of())).isTrue();
  }

  @Test
  void badCommunityRulesNameTheLine() {
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = a\nrepository = ROCm\n", "t.topics"))
        .hasMessage("t.topics line 3: a repository looks like owner/name or owner/*, not 'ROCm'");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = a\nsubreddit = r/ROCm/new\n", "t.topics"))
        .hasMessage("t.topics line 3: 'r/ROCm/new' has a '/', which a subreddit cannot have");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = a\ntag = c++ (old)\n", "t.topics"))
        .hasMessage("t.topics line 3: 'c++ (old)' is not a tag name (letters, digits, _ . - + # * ?)");
    assertThatThrownBy(() -> TopicsFile.parse("[A]\naliases = a\ndiscord = a/b/c\n", "t.topics"))
        .hasMessage("t.topics line 3: 'a/b/c' has a '/', which a discord cannot have more than once (server/channel)");
  }
}
