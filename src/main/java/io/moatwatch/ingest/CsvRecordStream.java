package io.moatwatch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV with a header row (RFC 4180: comma-separated, fields optionally in double quotes, {@code ""} for a quote,
 * line breaks allowed inside quotes). Each row becomes a JSON object keyed by the header, marked
 * {@code @csv} so {@link CsvReader} picks it up. A row with a different number of fields than the header is an
 * error item; the next row is read as usual.
 */
public final class CsvRecordStream extends LookaheadRecordStream {
  private final Reader reader;
  private final List<String> header;
  private long line = 1;

  public CsvRecordStream(Reader reader) throws IOException {
    this.reader = reader;
    List<String> h = readRow();
    this.header = h == null ? List.of() : h.stream().map(s -> s.strip().replace("\uFEFF", "")).toList();
  }

  @Override
  protected Item advance() throws IOException {
    while (true) {
      long start = line;
      List<String> row = readRow();
      if (row == null) {
        return null;
      }
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue; // blank line
      }
      if (row.size() != header.size()) {
        return new Item(null, "line " + start, "CSV row has " + row.size() + " fields, the header has "
            + header.size(), String.join(",", row));
      }
      ObjectNode o = Json.MAPPER.createObjectNode();
      for (int i = 0; i < header.size(); i++) {
        o.put(header.get(i), row.get(i));
      }
      o.put("@csv", true);
      return new Item(o, "line " + start, null, null);
    }
  }

  /** One row's fields, or null at the end of input. */
  private List<String> readRow() throws IOException {
    int c = read();
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
          int n = read();
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
      } else if (c == ',') {
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
      c = read();
    }
  }

  private int read() throws IOException {
    return reader.read();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
