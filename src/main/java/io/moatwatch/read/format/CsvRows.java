package io.moatwatch.read.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into rows of fields with Jackson's CSV parser (RFC 4180: fields optionally in double
 * quotes, {@code ""} for a quote, line breaks allowed inside quotes, CRLF or LF). Reads a stream one row at a
 * time, with the line each row starts on, for {@link CsvRecordStream}; {@link #readAll} serves small files read
 * whole. Text the parser cannot split (a quote left open until the end of the input) is a
 * {@link MalformedCsvException} naming the line; the rows before it are kept.
 */
public final class CsvRows {
  private static final CsvMapper MAPPER = new CsvMapper();

  private final MappingIterator<List<String>> rows;
  private long line = 1;

  public CsvRows(Reader reader, char delimiter) {
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
    try {
      this.rows = MAPPER.readerForListOf(String.class).with(schema).with(CsvParser.Feature.WRAP_AS_ARRAY)
          .readValues(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return row.isEmpty() || row.size() == 1 && row.get(0).isBlank();
  }

  /** The line the next row starts on, from 1. */
  public long line() {
    return line;
  }

  /** Text from {@code line} on that is not CSV; nothing after it can be read. */
  public static final class MalformedCsvException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedCsvException(long line, String problem, Throwable cause) {
      super("not CSV from line " + line + ": " + problem, cause);
    }
  }

  /** One row's fields, or null at the end of input. */
  public List<String> next() throws IOException {
    List<String> row;
    try {
      if (!rows.hasNextValue()) {
        return null;
      }
      row = rows.nextValue();
    } catch (JsonProcessingException e) {
      throw new MalformedCsvException(line, e.getOriginalMessage(), e);
    }
    // The parser now stands after the row's line break: the next row starts on that line.
    line = rows.getParser().currentLocation().getLineNr();
    return row;
  }
}
