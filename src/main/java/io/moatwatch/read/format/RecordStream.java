package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.util.Iterator;

/**
 * A file split into top-level values, lazily, never failing on bad content: each value or error is an
 * {@link Item}. JSON ({@link JsonRecordStream}), Stack Exchange XML ({@link XmlRowStream}) and CSV
 * ({@link CsvRecordStream}) files all become JSON values here, so every reader works on {@link JsonNode}s.
 */
public interface RecordStream extends Iterator<RecordStream.Item>, Closeable {

  /**
   * One top-level value or one error, with its position in the file; or, for a line left unparsed
   * ({@link #deferred}), no value and no error, and the raw line in {@code excerpt}.
   */
  record Item(JsonNode value, String position, String error, String excerpt) {
    public boolean ok() {
      return error == null;
    }

    /** A JSON line read but not parsed, for a later {@link ExportReader#parseLine}. */
    public static Item deferred(String line, String position) {
      return new Item(null, position, null, line);
    }

    /** Whether this is a line left unparsed: {@code excerpt} is the line. */
    public boolean isDeferred() {
      return value == null && error == null;
    }
  }
}
