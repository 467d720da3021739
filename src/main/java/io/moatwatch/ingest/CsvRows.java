package io.moatwatch.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into rows of fields (RFC 4180: fields optionally in double quotes, {@code ""} for a
 * quote, line breaks allowed inside quotes; a carriage return outside quotes is dropped). Reads a stream one row
 * at a time, counting lines, for {@link CsvRecordStream}; {@link #readAll} serves small files read whole.
 */
public final class CsvRows {
  private final Reader reader;
  private final char delimiter;
  private long line = 1;

  public CsvRows(Reader reader, char delimiter) {
    this.reader = reader;
    this.delimiter = delimiter;
  }

  /** Every row of {@code text} that holds anything (blank lines are not rows). */
  public static List<List<String>> readAll(String text, char delimiter) {
    CsvRows rows = new CsvRows(new StringReader(text), delimiter);
    List<List<String>> out = new ArrayList<>();
    try {
      for (List<String> row = rows.next(); row != null; row = rows.next()) {
        if (!isBlank(row)) {
          out.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return out;
  }

  /** Whether a row is an empty line. */
  public static boolean isBlank(List<String> row) {
    return row.size() == 1 && row.get(0).isBlank();
  }

  /** The line the next row starts on, from 1. */
  public long line() {
    return line;
  }

  /** One row's fields, or null at the end of input. */
  public List<String> next() throws IOException {
    int c = reader.read();
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          fields.add(field.toString()); // unterminated quote at end of file: keep what there is
          return fields;
        }
        if (c == '"') {
          int n = reader.read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == -1) {
        if (c == '\n') {
          line++;
        }
        fields.add(field.toString());
        return fields;
      } else if (c != '\r') {
        field.append((char) c);
      }
      c = reader.read();
    }
  }
}
