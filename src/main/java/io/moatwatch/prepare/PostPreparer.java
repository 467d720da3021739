package io.moatwatch.prepare;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.clean.CleanText;
import io.moatwatch.prepare.clean.TextCleaner;
import io.moatwatch.prepare.language.LanguageDetector;
import io.moatwatch.prepare.language.LanguageGuess;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicSources;
import io.moatwatch.schema.Post;
import io.moatwatch.schema.Status;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans a post, finds the topics it mentions and decides whether it goes to NLP. Pure and serializable: it
 * runs on executors inside the read stage. Thread-level decisions (duplicates, topics inherited from the
 * thread root, off-topic) need all posts and are made later in Spark.
 */
public final class PostPreparer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final TextCleaner CLEANER = new TextCleaner();
  /** How much of a post's text language detection reads. */
  static final int DETECT_CHARS = 4000;
  private static final LanguageDetector LANGUAGES = new LanguageDetector();

  private final TopicSet topics;
  private final Window window;
  private final int maxChars;
  private final boolean englishOnly;

  /**
   * @param topics   the configured topics (loaded from {@code settings.topicsFile()})
   * @param settings the window ({@link Window#ALL} for every day), the cap on a cleaned post's length (longer ones
   *                 are {@link Status#TOO_LONG}, not parsed) and whether posts in another language are
   *                 {@link Status#NOT_ENGLISH}
   */
  public PostPreparer(TopicSet topics, Preparation settings) {
    this.topics = topics;
    this.window = settings.window();
    this.maxChars = settings.maxChars();
    this.englishOnly = settings.englishOnly();
  }

  public PreparedPost prepare(Post post) {
    String day = post.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    if (!window.contains(post.createdAt())) {
      return new PreparedPost(post, CleanText.EMPTY, TopicSources.NONE, List.of(), day, Status.OUT_OF_WINDOW,
          null);
    }
    CleanText clean = CLEANER.clean(post.text(), post.markup());
    String title = title(post);
    // The title is part of what is scored and searched: for link posts it is all there is.
    String scored = title.isEmpty() ? clean.text() : clean.text().isEmpty() ? title : title + "\n\n" + clean.text();
    CleanText withTitle = clean.withText(scored);
    TopicSources direct = direct(post, clean);
    List<String> threadTitleTopics = threadTitleTopics(post);
    String reason = null;
    Status status;
    if (post.deleted()) {
      status = Status.DELETED;
    } else if (post.removed()) {
      status = Status.REMOVED;
    } else if (withTitle.isEmpty()) {
      status = Status.EMPTY;
      reason = "nothing left after cleaning; dropped " + clean.codeBlocks() + " code blocks, " + clean.quotes()
          + " quotes, " + clean.logLines() + " log lines, " + clean.urls() + " URLs";
    } else if (scored.length() > maxChars) {
      status = Status.TOO_LONG;
      reason = "cleaned text over --max-chars; " + scored.length() + " > " + maxChars + " characters";
    } else {
      status = Status.PENDING; // or NOT_ENGLISH, once the language is known (language())
    }
    return new PreparedPost(post, withTitle, direct, threadTitleTopics, day, status, reason);
  }

  /**
   * A post's language and what it does to its status: {@link Status#PENDING} becomes {@link Status#NOT_ENGLISH}
   * (with the language and the evidence as reason) when only English is analysed and the text is in another
   * language; any other status stays. Detected on the start of {@code cleanText} (the title and prose of
   * {@link PreparedPost#clean()}): enough to tell, and bounded on a 10 MB paste. The job asks only for the posts
   * that thread resolution left to be written (OpenNLP's detector was a third of the read stage's time at ten
   * million Reddit comments, most of it on replies that turned out to be off topic).
   *
   * @return the language (null when there is no text), and the status and reason to keep
   */
  public PostLanguage language(String cleanText, Status status, String reason) {
    if (cleanText == null || cleanText.isEmpty()) {
      return new PostLanguage(null, status, reason);
    }
    LanguageGuess guess = LANGUAGES.detect(cleanText.length() > DETECT_CHARS
        ? cleanText.substring(0, DETECT_CHARS) : cleanText);
    if (status == Status.PENDING && englishOnly && !guess.englishOrUndetermined()) {
      return new PostLanguage(guess.language(), Status.NOT_ENGLISH,
          "language " + guess.language() + "; " + guess.evidence());
    }
    return new PostLanguage(guess.language(), status, reason);
  }

  /** What {@link #language} found: the language, and the post's status and reason after it. */
  public record PostLanguage(String language, Status status, String reason) implements Serializable {}

  /**
   * Only {@link PreparedPost#directTopics()} of {@link #prepare}: cleaned and matched the same way, without
   * detecting the language (the prefilter's first pass needs no more).
   */
  public List<String> directTopics(Post post) {
    if (!window.contains(post.createdAt())) {
      return List.of();
    }
    return direct(post, CLEANER.clean(post.text(), post.markup())).topics();
  }

  /**
   * Whether {@code post}, whose {@link #directTopics} are none, can end on topic only through other records: it
   * is in the window and the thread title it carries names no topic, so only its thread, its parent chain or
   * another copy of it can give it one, as for a record without topic words ({@code prefilter.IdFields}). The
   * prefilter's first pass then leaves its line to the second pass's id test (a line whose topic words were a
   * false alarm: "cudahy", "hip hop", "thrust").
   */
  public boolean topicsOnlyFromOthers(Post post) {
    return window.contains(post.createdAt()) && threadTitleTopics(post).isEmpty();
  }

  /** The topics the title of its thread, as the export gives it on the post, names. */
  private List<String> threadTitleTopics(Post post) {
    return post.threadTitle() == null ? List.of() : topics.match(post.threadTitle());
  }

  /** Topics are searched in everything the post holds; sentiment reads only the title and prose. */
  private TopicSources direct(Post post, CleanText clean) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put(TopicSources.TITLE, title(post));
    parts.put(TopicSources.PROSE, clean.text());
    parts.put(TopicSources.CODE, clean.code());
    parts.put(TopicSources.URL, clean.links());
    parts.put(TopicSources.QUOTE, clean.quoted());
    return topics.find(parts, post.source(), post.community(), post.tags());
  }

  private static String title(Post post) {
    return post.title() == null ? "" : post.title().strip();
  }
}
