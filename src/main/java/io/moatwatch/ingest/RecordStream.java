package io.moatwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.util.Iterator;

/**
 * A file split into top-level values, lazily, never failing on bad content: each value or error is an
 * {@link Item}. JSON ({@link JsonRecordStream}), Stack Exchange XML ({@link XmlRowStream}) and CSV
 * ({@link CsvRecordStream}) files all become JSON values here, so every reader works on {@link JsonNode}s.
 */
public interface RecordStream extends Iterator<RecordStream.Item>, Closeable {

  /** One top-level value or one error, with its position in the file. */
  record Item(JsonNode value, String position, String error, String excerpt) {
    public boolean ok() {
      return error == null;
    }
  }
}
