package io.moatwatch.read.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.read.prefilter.LineTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Splits a text stream into top-level JSON values, never failing on bad content.
 *
 * <p>Two layouts are recognised from the first non-blank line. <b>JSON lines</b> (the first line is a
 * complete JSON value): each line is parsed on its own, so one malformed line becomes one error item and
 * the next line is read as usual. <b>Documents</b> (anything else: a pretty-printed object, an array, or
 * concatenated values): parsed as a stream; elements of a top-level array are separate items; a syntax
 * error ends the file with one error item saying where, since nothing after it can be trusted.
 *
 * <p>A file that starts with {@code window.YTD.} (the X archive's {@code tweets.js}) is read as the JSON
 * document after its {@code =}.
 *
 * <p>Lines and documents are read lazily, so a multi-GB dump streams in constant memory.
 */
public final class JsonRecordStream implements RecordStream {

  private static final int MAX_FIRST_LINE = 64 * 1024 * 1024;
  /** The second line is only looked at when the first is shorter than this (both must fit in the mark). */
  private static final int SECOND_LINE_LOOKAHEAD = 1 << 20;
  private static final String JS_ASSIGNMENT = "window.YTD.";
  /** Arrays streamed element by element instead of being built as one tree. */
  private static final Set<String> STREAMED_ARRAYS = Set.of("messages");
  /** Where a streamed element carries the fields of its enclosing object that came before the array. */
  public static final String ENVELOPE = "@envelope";

  /** Documents are parsed as a stream of values, so trailing values are the next records, not an error. */
  private static final ObjectMapper DOCUMENT_MAPPER = new ObjectMapper();

  private final BufferedReader reader;
  private Boolean lineMode;
  private JsonParser parser;
  private final Deque<Item> pending = new ArrayDeque<>();
  private long lineNumber;
  private boolean finished;
  private ObjectNode envelope;
  private boolean envelopeStreamed;
  private long objectLine;
  private String streamingField;
  private ObjectNode streamEnvelope;
  private int streamIndex;
  private LineTest lineFilter;
  private long filteredLines;
  private boolean deferKept;

  /**
   * From now on, in the JSON-lines layout, lines that {@code keep} refuses (given their UTF-8 bytes and line
   * number) are not parsed but counted ({@link #filteredLines()}). No effect on documents, where a line is not
   * a record.
   */
  public void filterLines(LineTest keep) {
    this.lineFilter = keep;
  }

  /**
   * From now on, the lines the line filter keeps ({@link #filterLines}) are not parsed either: each becomes a
   * {@link Item#deferred} item holding the raw line, for another task to parse ({@link ExportReader#parseLine}).
   */
  public void deferKeptLines() {
    this.deferKept = true;
  }

  /** Whether the layout is JSON lines; null until the first {@link #hasNext()} has decided it. */
  public Boolean lineMode() {
    return lineMode;
  }

  /** Lines skipped by the line filter so far. */
  public long filteredLines() {
    return filteredLines;
  }

  /** Nothing is read until the first {@link #hasNext()}, so a broken stream fails there, as an item. */
  public JsonRecordStream(BufferedReader reader) {
    this.reader = reader;
  }

  /** Decides the layout from the first non-blank line, then rewinds. */
  private void detectLayout() throws IOException {
    reader.mark(MAX_FIRST_LINE);
    String first = firstNonBlankLine(reader);
    // A broken first line (cut short, or a raw control character) must not turn a JSON-lines file into one
    // broken document: the second line decides then.
    boolean firstComplete = first != null && isCompleteJson(stripBom(first)); // parsed once: it may be 64 MB
    String second = first != null && first.length() < SECOND_LINE_LOOKAHEAD && !firstComplete
        ? firstNonBlankLine(reader) : null;
    reader.reset();
    // Drop the large mark at once: while a mark is valid, BufferedReader shifts the whole marked region on
    // every refill, which makes reading a big file quadratic.
    reader.mark(1);
    if (first != null && stripBom(first).startsWith(JS_ASSIGNMENT)) {
      // The X archive's tweets.js: "window.YTD.tweets.part0 = [ ... ]". Skip to the value after '='.
      int c;
      while ((c = reader.read()) != -1 && c != '=') {
        // skip the JavaScript assignment
      }
      lineMode = false;
      parser = DOCUMENT_MAPPER.getFactory().createParser(reader);
      return;
    }
    lineMode = firstComplete || first != null && isOneLineObject(stripBom(first))
        || second != null && second.strip().startsWith("{") && isCompleteJson(second);
    if (!lineMode) {
      parser = DOCUMENT_MAPPER.getFactory().createParser(reader);
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !finished) {
      try {
        if (lineMode == null) {
          detectLayout();
        }
        if (lineMode) {
          readLine();
        } else {
          readDocument();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return !pending.isEmpty();
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  private void readLine() throws IOException {
    String line;
    do {
      line = reader.readLine();
      if (line == null) {
        finished = true;
        return;
      }
      lineNumber++;
      if (lineFilter != null && !line.isBlank() && !keep(line)) {
        filteredLines++;
        line = "";
      }
    } while (line.isBlank());
    if (lineNumber == 1) {
      line = stripBom(line);
    }
    String position = "line " + lineNumber;
    if (deferKept && lineFilter != null) {
      pending.add(Item.deferred(line, position));
      return;
    }
    pending.add(lineItem(line, position));
  }

  /** One JSON line as an item: its value, or the error of a line that is not JSON (with the line as excerpt). */
  static Item lineItem(String line, String position) {
    try {
      return new Item(Json.MAPPER.readTree(line), position, null, null);
    } catch (JsonProcessingException e) {
      return new Item(null, position, "malformed JSON: " + e.getOriginalMessage(), line);
    }
  }

  private boolean keep(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return lineFilter.keep(b, 0, b.length, lineNumber);
  }

  private void readDocument() throws IOException {
    try {
      if (envelope != null) {
        continueObject();
        return;
      }
      JsonToken token = parser.nextToken();
      if (token == null) {
        finished = true;
        return;
      }
      long line = parser.currentTokenLocation().getLineNr();
      if (token == JsonToken.START_ARRAY) {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          long itemLine = parser.currentTokenLocation().getLineNr();
          JsonNode value = parser.readValueAsTree();
          pending.add(new Item(value, "line " + itemLine + ", item " + index++, null, null));
        }
        if (index == 0) {
          pending.add(new Item(null, "line " + line, "empty JSON array: no records", "[]"));
        }
      } else if (token == JsonToken.START_OBJECT) {
        envelope = DOCUMENT_MAPPER.createObjectNode();
        envelopeStreamed = false;
        objectLine = line;
        continueObject();
      } else {
        JsonNode value = parser.readValueAsTree();
        pending.add(new Item(value, "line " + line, null, null));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String position = at == null ? "end of file" : "line " + at.getLineNr();
      pending.add(new Item(null, position,
          "malformed JSON" + where + ": " + e.getOriginalMessage() + " (the rest of the file could not be read)",
          null));
      finished = true;
    }
  }

  /**
   * Reads one top-level object field by field, resumably. A {@link #STREAMED_ARRAYS} field holding an array is
   * not built as a tree: its elements become items one by one, each carrying the fields read before it under
   * {@link #ENVELOPE} (DiscordChatExporter writes {@code guild} and {@code channel} before {@code messages}),
   * so a channel export of hundreds of MB streams in constant memory. Any other object is one item.
   */
  private void continueObject() throws IOException {
    while (pending.isEmpty() && envelope != null) {
      if (streamingField != null) {
        if (parser.nextToken() == JsonToken.END_ARRAY) {
          streamingField = null;
          continue;
        }
        long itemLine = parser.currentTokenLocation().getLineNr();
        JsonNode element = parser.readValueAsTree();
        if (element instanceof ObjectNode o) {
          o.set(ENVELOPE, streamEnvelope);
        }
        pending.add(new Item(element, "line " + itemLine + ", " + streamingField + "[" + streamIndex++ + "]",
            null, null));
        return;
      }
      JsonToken t = parser.nextToken();
      if (t == JsonToken.END_OBJECT) {
        if (!envelopeStreamed) {
          pending.add(new Item(envelope, "line " + objectLine, null, null));
        }
        envelope = null;
        return;
      }
      String field = parser.currentName();
      if (parser.nextToken() == JsonToken.START_ARRAY && STREAMED_ARRAYS.contains(field)) {
        streamingField = field;
        streamIndex = 0;
        envelopeStreamed = true;
        streamEnvelope = envelope.deepCopy(); // the fields before the array, shared by its elements
      } else {
        envelope.set(field, parser.readValueAsTree());
      }
    }
  }

  private static String firstNonBlankLine(BufferedReader reader) throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  /**
   * A broken line that starts and ends like one JSON object (a pretty-printed document's first line never
   * does), and is not several complete values in a row (concatenated documents, read as a document).
   */
  private static boolean isOneLineObject(String line) {
    String s = line.strip();
    if (s.length() <= 2 || !s.startsWith("{") || !s.endsWith("}")) {
      return false;
    }
    try (var values = DOCUMENT_MAPPER.readerFor(JsonNode.class).readValues(s)) {
      while (values.hasNextValue()) {
        values.nextValue();
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static boolean isCompleteJson(String line) {
    try {
      Json.MAPPER.readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    reader.close();
  }
}
