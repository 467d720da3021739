package io.moatwatch.read.prefilter;

import java.io.Serializable;

/** Whether one raw line of an input file is parsed: a test of its undecoded bytes and its line number. */
@FunctionalInterface
public interface LineTest extends Serializable {
  /**
   * @param b    a buffer holding the line, UTF-8, without its line terminator, in {@code b[from, to)}
   * @param line the line's number in its file, from 1, counting lines as {@link java.io.BufferedReader} does
   */
  boolean keep(byte[] b, int from, int to, long line);
}
