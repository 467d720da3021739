package io.moatwatch.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.PostPreparer.PostLanguage;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import io.moatwatch.schema.Status;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PostPreparerTest {
  private static final Instant T = Instant.parse("2026-11-20T23:30:00Z");

  private static Post post(String title, String text, boolean deleted, boolean removed) {
    return new Post("hn:1", "hackernews", null, "hn:1", null, "a", T, title, text, Markup.HTML, null, null,
        deleted, removed, "story");
  }

  private static PostPreparer preparer(Window w, int maxChars) throws Exception {
    return new PostPreparer(TopicsFile.load(TopicsFile.BUILTIN), Preparation.defaults(w).withMaxChars(maxChars));
  }

  @Test
  void titleAndTextAreScoredAndSearchedTogether() throws Exception {
    PreparedPost p = preparer(Window.ALL, 1000).prepare(post("ROCm 7.1 released", "<p>Great news.", false, false));
    assertThat(p.status()).isEqualTo(Status.PENDING);
    assertThat(p.clean().text()).isEqualTo("ROCm 7.1 released\n\nGreat news.");
    assertThat(p.directTopics()).containsExactly("ROCm");
    assertThat(p.day()).isEqualTo("2026-11-20");
  }

  @Test
  void deletedRemovedEmptyAndTooLongAreNotAnalysed() throws Exception {
    var prep = preparer(Window.ALL, 20);
    assertThat(prep.prepare(post(null, null, true, false)).status()).isEqualTo(Status.DELETED);
    assertThat(prep.prepare(post("ROCm rant", null, false, true)).status()).isEqualTo(Status.REMOVED);
    PreparedPost empty = prep.prepare(post(null, "<pre>only code</pre>", false, false));
    assertThat(empty.status()).isEqualTo(Status.EMPTY);
    assertThat(empty.reason()).isEqualTo(
        "nothing left after cleaning; dropped 1 code blocks, 0 quotes, 0 log lines, 0 URLs");
    PreparedPost tooLong = prep.prepare(post(null, "CUDA is a long story to tell.", false, false));
    assertThat(tooLong.status()).isEqualTo(Status.TOO_LONG);
    assertThat(tooLong.reason()).isEqualTo("cleaned text over --max-chars; 29 > 20 characters");
  }

  /** The read stage prepares; the language is detected once the post is known to be written (PostLanguages). */
  private static PostPreparer.PostLanguage prepared(PostPreparer preparer, String html) {
    PreparedPost p = preparer.prepare(post(null, html, false, false));
    assertThat(p.status()).isEqualTo(Status.PENDING);
    return preparer.language(p.clean().text(), p.status(), p.reason());
  }

  @Test
  void postsInAnotherLanguageAreSkippedWithTheLanguageAndWhy() throws Exception {
    String german = "<p>Ich habe ROCm installiert und es funktioniert nicht, die Treiber sind noch schlecht.";
    PostPreparer englishOnly = preparer(Window.ALL, 1000);
    assertThat(englishOnly.prepare(post(null, german, false, false)).directTopics())
        .containsExactly("ROCm"); // still matched: the post counts as on-topic
    PostPreparer.PostLanguage de = prepared(englishOnly, german);
    assertThat(de.status()).isEqualTo(Status.NOT_ENGLISH);
    assertThat(de.language()).isEqualTo("de");
    assertThat(de.reason()).startsWith("language de; opennlp langdetect-183: deu ");

    PostPreparer.PostLanguage en = prepared(englishOnly, "<p>ROCm works and the drivers are fine now.");
    assertThat(en.status()).isEqualTo(Status.PENDING);
    assertThat(en.language()).isEqualTo("en");
    assertThat(en.reason()).isNull();

    // --all-languages: detected and recorded, but analysed
    PostLanguage kept = prepared(new PostPreparer(TopicsFile.load(TopicsFile.BUILTIN), Preparation.defaults(Window.ALL).withMaxChars(1000).with(Preparation.Languages.ALL)),
        german);
    assertThat(kept.status()).isEqualTo(Status.PENDING);
    assertThat(kept.language()).isEqualTo("de");
  }

  @Test
  void aPostSkippedForAnotherReasonKeepsItButGetsItsLanguage() throws Exception {
    PostPreparer p = preparer(Window.ALL, 1000);
    PostLanguage tooLong = p.language("Ich habe ROCm installiert und es funktioniert nicht, die Treiber sind schlecht.",
        Status.TOO_LONG, "cleaned text over --max-chars; 90 > 80 characters");
    assertThat(tooLong.status()).isEqualTo(Status.TOO_LONG);
    assertThat(tooLong.reason()).startsWith("cleaned text over");
    assertThat(tooLong.language()).isEqualTo("de");
    assertThat(p.language("", Status.PENDING, null)).isEqualTo(new PostLanguage(null, Status.PENDING, null));
  }

  @Test
  void windowUsesTheUtcDay() throws Exception {
    assertThat(preparer(Window.day(LocalDate.parse("2026-11-20")), 1000).prepare(post("CUDA", "x", false, false))
        .status()).isEqualTo(Status.PENDING);
    assertThat(preparer(Window.day(LocalDate.parse("2026-11-21")), 1000).prepare(post("CUDA", "x", false, false))
        .status()).isEqualTo(Status.OUT_OF_WINDOW);
  }

  @Test
  void statusesSayWhereTheyAreCountedAndWritten() {
    assertThat(Status.OFF_TOPIC.outcome()).isEqualTo(Status.Outcome.SKIPPED);
    assertThat(Status.OFF_TOPIC.writtenToPosts()).isFalse();
    assertThat(Status.FAILED.outcome()).isEqualTo(Status.Outcome.REJECTED);
    assertThat(Status.FAILED.writtenToPosts()).isTrue();
    assertThat(Status.fromLabel("too_long")).isEqualTo(Status.TOO_LONG);
  }
}
