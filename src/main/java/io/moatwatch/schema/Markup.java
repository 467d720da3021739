package io.moatwatch.schema;

import java.util.Locale;

/** How a post's text is marked up, which decides how {@code clean.TextCleaner} turns it into plain text. */
public enum Markup {
  /** HTML fragments (Hacker News, Discourse "cooked", Stack Exchange bodies). */
  HTML,
  /** Markdown (Reddit, GitHub); Reddit additionally HTML-escapes {@code & < >} inside it. */
  MARKDOWN,
  /** Text with no markup. */
  PLAIN;

  /** Parses {@code html}, {@code markdown} or {@code plain} (any case). */
  public static Markup parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown markup '" + value + "' (expected html, markdown or plain)");
    }
  }
}
