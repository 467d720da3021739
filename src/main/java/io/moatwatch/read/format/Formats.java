package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The registered export formats, in auto-detection order (most specific first). */
public final class Formats {
  /** The {@code --format} value that asks for detection from content. */
  public static final String AUTO = "auto";

  private static final List<PostReader> READERS = List.of(
      new PercevalReader(),
      new HackerNewsAlgoliaReader(),
      new DiscourseReader(),
      new GitHubReader(),
      new XReader(),
      new XArchiveReader(),
      new MastodonReader(),
      new DiscordReader(),
      new StackExchangeReader(),
      new RedditReader(),
      new HackerNewsItemReader(),
      new CsvReader(),
      new GenericJsonReader());

  private Formats() {}

  public static List<PostReader> all() {
    return READERS;
  }

  /** Format names accepted by {@code --format}, {@code auto} first. */
  public static List<String> names() {
    return Stream.concat(Stream.of(AUTO), READERS.stream().map(PostReader::format))
        .collect(Collectors.toList());
  }

  /** The reader named {@code format}, or an {@link IllegalArgumentException} listing the valid names. */
  public static PostReader byName(String format) {
    return READERS.stream()
        .filter(r -> r.format().equals(format))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown format '" + format + "' (expected one of " + String.join(", ", names()) + ")"));
  }

  /** The first reader that recognises this top-level value. */
  public static Optional<PostReader> detect(JsonNode value) {
    return READERS.stream().filter(r -> r.recognises(value)).findFirst();
  }
}
