package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * CSV with a header row (RFC 4180: comma-separated, fields optionally in double quotes, {@code ""} for a quote,
 * line breaks allowed inside quotes). Each row becomes a JSON object keyed by the header, marked
 * {@code @csv} so {@link CsvReader} picks it up. A row with a different number of fields than the header is an
 * error item; the next row is read as usual. Text that is not CSV at all (a quote never closed) is one error
 * item from its line on, and the end of the stream.
 */
public final class CsvRecordStream extends LookaheadRecordStream {
  private final Reader reader;
  private final CsvRows rows;
  private final List<String> header;
  private boolean broken;

  public CsvRecordStream(Reader reader) throws IOException {
    this.reader = reader;
    this.rows = new CsvRows(reader, ',');
    List<String> h = rows.next();
    this.header = h == null ? List.of() : h.stream().map(s -> s.strip().replace("\uFEFF", "")).toList();
  }

  @Override
  protected Item advance() throws IOException {
    while (true) {
      if (broken) {
        return null;
      }
      long start = rows.line();
      List<String> row;
      try {
        row = rows.next();
      } catch (CsvRows.MalformedCsvException e) {
        broken = true;
        return new Item(null, "line " + start, e.getMessage(), "");
      }
      if (row == null) {
        return null;
      }
      if (CsvRows.isBlank(row)) {
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

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
