package io.moatwatch.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a hand-written definition file (topics, gazetteer) that hold something: each stripped of
 * surrounding white space, a UTF-8 byte-order mark at the start of the file removed, blank lines and
 * {@code #} comments skipped, with its 1-based line number for error messages. Pure Java.
 */
public final class ContentLines {
  /** What a parser does with one content line. */
  @FunctionalInterface
  public interface Consumer<E extends Exception> {
    void line(int number, String content) throws E;
  }

  private ContentLines() {}

  /** Calls {@code consumer} for every content line of {@code source}, in order. */
  public static <E extends Exception> void read(Reader source, Consumer<E> consumer) throws IOException, E {
    BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
    String line;
    int n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      String t = n == 1 && line.startsWith("\uFEFF") ? line.substring(1).strip() : line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      consumer.line(n, t);
    }
  }
}
