package io.moatwatch.read.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** A {@link RecordStream} that produces one item at a time: subclasses say how to read the next one. */
abstract class LookaheadRecordStream implements RecordStream {
  private Item next;
  private boolean finished;

  /** The next item, or null at the end of input. */
  protected abstract Item advance() throws IOException;

  @Override
  public final boolean hasNext() {
    if (next == null && !finished) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      finished = next == null;
    }
    return next != null;
  }

  @Override
  public final Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Item item = next;
    next = null;
    return item;
  }
}
