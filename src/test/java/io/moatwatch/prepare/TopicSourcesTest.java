package io.moatwatch.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topics found outside the prose (code, links, quotes), by where a post lives, and from the thread title an
 * export gives, with the built-in topics. The posts are written for the project in the style of GPU threads.
 */
class TopicSourcesTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static PostPreparer preparer;

  @BeforeAll
  static void load() throws Exception {
    preparer = new PostPreparer(TopicsFile.load(TopicsFile.BUILTIN), Preparation.defaults(Window.ALL).withMaxChars(200_000));
  }

  private static Post markdown(String source, String community, String text, List<String> tags, String threadTitle) {
    return new Post(source + ":1", source, community, source + ":0", source + ":0", "someone", T, null, text,
        Markup.MARKDOWN, null, null, false, false, "comment", tags, threadTitle);
  }

  private static Map<String, List<String>> sources(Post p) {
    return preparer.prepare(p).sources().sources();
  }

  @Test
  void aCodeBlockNamesTheStackWhileTheProseSaysOnlyWhatWentWrong() {
    String text = "Followed the install guide on Ubuntu 24.04 and the driver never loads after a reboot.\n\n"
        + "```\nsudo apt install rocm-dkms rocm-libs\nsudo usermod -a -G render $USER\n```\n\n"
        + "Any idea what I am missing?";
    PreparedPost p = preparer.prepare(markdown("reddit", "linux", text, List.of(), null));
    assertThat(p.sources().sources()).containsExactly(Map.entry("ROCm", List.of("code")));
    assertThat(p.clean().text()).doesNotContain("rocm"); // sentiment still sees only the prose
  }

  @Test
  void inlineCodeIsProseAndALogLineIsCode() {
    assertThat(sources(markdown("reddit", "pytorch", "Just set `torch.device(\"cuda\")` and it ran fine.",
        List.of(), null))).containsExactly(Map.entry("CUDA", List.of("prose")));
    String log = "It dies right after start:\n\n"
        + "RuntimeError: HIP error: invalid device function hipErrorInvalidDeviceFunction\n"
        + "The same script works on my old card.";
    assertThat(sources(markdown("reddit", "pytorch", log, List.of(), null)))
        .containsExactly(Map.entry("ROCm", List.of("code")));
  }

  @Test
  void aLinkTargetAndABareUrlCount() {
    String linked = "The [compatibility matrix](https://rocm.docs.amd.com/en/latest/compatibility.html) says my card"
        + " is not supported any more.";
    assertThat(sources(markdown("hackernews", null, linked, List.of(), null)))
        .containsExactly(Map.entry("ROCm", List.of("url")));
    String bare = "Read this before buying anything: https://github.com/tinygrad/tinygrad/blob/master/docs/env.md";
    assertThat(sources(markdown("hackernews", null, bare, List.of(), null)))
        .containsExactly(Map.entry("tinygrad", List.of("url")));
  }

  @Test
  void theQuotedAnnouncementAReplyAnswersCounts() {
    String reply = "> ROCm 7.1 brings official support for the RX 9070 series.\n\n"
        + "Official support on paper, maybe. My card still hangs under load.";
    assertThat(sources(markdown("reddit", "Amd", reply, List.of(), null)))
        .containsExactly(Map.entry("ROCm", List.of("quote")));
    String html = "<blockquote>tinygrad now runs on the NPU</blockquote><p>Has anyone confirmed this?";
    Post hn = new Post("hackernews:5", "hackernews", null, "hackernews:1", "hackernews:4", "x", T, null, html,
        Markup.HTML, null, null, false, false, "comment");
    assertThat(sources(hn)).containsExactly(Map.entry("tinygrad", List.of("quote")));
  }

  @Test
  void aPostIsAboutTheStackWhoseHomeItLivesIn() {
    Post issue = new Post("github:ROCm/ROCm#4021", "github", "ROCm/ROCm", "github:ROCm/ROCm#4021", null, "dev", T,
        "Installer fails on Fedora 41", "The installer stops with a dependency conflict on libdrm.",
        Markup.MARKDOWN, null, null, false, false, "issue");
    assertThat(sources(issue)).containsExactly(Map.entry("ROCm", List.of("community")));
    Post tinygradIssue = new Post("github:tinygrad/tinygrad#77", "github", "tinygrad/tinygrad",
        "github:tinygrad/tinygrad#77", null, "dev", T, "AMD backend: wrong results for conv2d",
        "The AMD backend gives wrong results; CUDA is fine.", Markup.MARKDOWN, null, null, false, false, "issue");
    assertThat(sources(tinygradIssue)).containsExactly(Map.entry("tinygrad", List.of("community")),
        Map.entry("CUDA", List.of("prose")));
    // NVIDIA/* is not a home of CUDA: only CUDA's own repositories are.
    Post nemo = new Post("github:NVIDIA/NeMo#1", "github", "NVIDIA/NeMo", "github:NVIDIA/NeMo#1", null, "dev", T,
        "Docs typo", "Fix a typo in the README.", Markup.MARKDOWN, null, null, false, false, "issue");
    assertThat(sources(nemo)).isEmpty();
    assertThat(sources(markdown("reddit", "ROCm", "Finally got it working on my laptop!", List.of(), null)))
        .containsExactly(Map.entry("ROCm", List.of("community")));
    assertThat(sources(markdown("stackexchange", "stackoverflow.com", "Why is my kernel slower with more blocks?",
        List.of("cuda", "performance"), null))).containsExactly(Map.entry("CUDA", List.of("community")));
    assertThat(sources(markdown("discord", "tinygrad / Text Channels / general", "the new box arrived today",
        List.of(), null))).containsExactly(Map.entry("tinygrad", List.of("community")));
  }

  @Test
  void theThreadTitleOnAReplyGivesTopicsToInheritNotDirectOnes() {
    PreparedPost p = preparer.prepare(markdown("hackernews", null, "Same here, it took me a weekend.", List.of(),
        "Show HN: Running LLMs on ROCm without tears"));
    assertThat(p.directTopics()).isEmpty();
    assertThat(p.threadTitleTopics()).containsExactly("ROCm");
  }
}
