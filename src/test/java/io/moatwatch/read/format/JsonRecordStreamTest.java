package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordStreamTest {

  private static List<JsonRecordStream.Item> items(String text) throws Exception {
    List<JsonRecordStream.Item> out = new ArrayList<>();
    try (JsonRecordStream s = new JsonRecordStream(new BufferedReader(new StringReader(text)))) {
      s.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void jsonLinesKeepGoingAfterAMalformedLine() throws Exception {
    var items = items("{\"a\":1}\n\n{\"a\": \"cut off\n{\"a\":3}\n");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).value().get("a").asInt()).isEqualTo(1);
    assertThat(items.get(1).ok()).isFalse();
    assertThat(items.get(1).position()).isEqualTo("line 3");
    assertThat(items.get(1).error()).startsWith("malformed JSON: ");
    assertThat(items.get(1).excerpt()).isEqualTo("{\"a\": \"cut off");
    assertThat(items.get(2).position()).isEqualTo("line 4");
  }

  @Test
  void twoValuesGluedOnOneLineOfJsonLinesAreAnError() throws Exception {
    var items = items("{\"a\":1}\n{\"a\":2} {\"b\":3}\n{\"a\":4}\n");
    assertThat(items).extracting(JsonRecordStream.Item::ok).containsExactly(true, false, true);
  }

  @Test
  void concatenatedValuesOnOneLineAreSeparateDocuments() throws Exception {
    // Perceval writes items back to back; a one-line file of several values is that, not a glued line.
    var items = items("{\"a\":1} {\"b\":2}");
    assertThat(items).hasSize(2).allMatch(JsonRecordStream.Item::ok);
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    var items = items("\uFEFF{\"a\":1}\n{\"a\":2}\n");
    assertThat(items).hasSize(2).allMatch(JsonRecordStream.Item::ok);
  }

  @Test
  void arrayDocumentsYieldOneItemPerElement() throws Exception {
    var items = items("[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n");
    assertThat(items).hasSize(2);
    assertThat(items.get(1).position()).isEqualTo("line 3, item 1");
  }

  @Test
  void prettyPrintedAndConcatenatedDocuments() throws Exception {
    var items = items("{\n \"a\": 1\n}\n{\n \"a\": 2\n}\n");
    assertThat(items).hasSize(2).allMatch(JsonRecordStream.Item::ok);
    assertThat(items.get(1).position()).isEqualTo("line 4");
  }

  @Test
  void truncatedDocumentEndsWithOneErrorSayingWhere() throws Exception {
    var items = items("[\n {\"a\": 1},\n {\"a\": ");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).ok()).isTrue();
    assertThat(items.get(1).error()).contains("malformed JSON at line 3").endsWith("(the rest of the file could not be read)");
  }

  @Test
  void emptyInputHasNoItems() throws Exception {
    assertThat(items("")).isEmpty();
    assertThat(items("\n\n")).isEmpty();
  }

  @Test
  void messagesArraysAreStreamedWithTheirEnvelope() throws Exception {
    var items = items("""
        {"guild": {"name": "g"}, "channel": {"name": "general"},
         "messages": [{"id": "1", "content": "a"},
                      {"id": "2", "content": "b"}],
         "messageCount": 2}
        {"other": 1}
        """);
    assertThat(items).hasSize(3);
    assertThat(items.get(0).value().path(JsonRecordStream.ENVELOPE).path("channel").path("name").asText())
        .isEqualTo("general");
    assertThat(items.get(1).position()).isEqualTo("line 3, messages[1]");
    assertThat(items.get(1).value().path(JsonRecordStream.ENVELOPE).has("messageCount"))
        .as("fields after the array are not part of the envelope").isFalse();
    assertThat(items.get(2).value().path("other").asInt()).isEqualTo(1);
  }

  @Test
  void aHugeChannelExportStreamsInConstantMemory() throws Exception {
    // ~300 MB of DiscordChatExporter JSON, generated on the fly: built as one tree it could not fit in the
    // unit tests' 1 GB heap; streamed, only one message is held at a time.
    int messages = 1_000_000;
    String header = "{\"guild\": {\"name\": \"g\"}, \"channel\": {\"name\": \"c\"}, \"messages\": [\n";
    String body = "{\"id\": \"%d\", \"type\": \"Default\", \"timestamp\": \"2026-11-20T10:00:00+00:00\","
        + " \"author\": {\"name\": \"n\"}, \"content\": \"" + "ROCm works fine here. ".repeat(12) + "\"}";
    java.io.InputStream in = new java.io.InputStream() {
      private byte[] chunk = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      private int pos;
      private int next;

      private boolean fill() {
        if (pos < chunk.length) {
          return true;
        }
        if (next > messages) {
          return false;
        }
        String s = next < messages ? (next > 0 ? ",\n" : "") + body.replace("%d", Integer.toString(next)) : "\n]}\n";
        chunk = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        pos = 0;
        next++;
        return true;
      }

      @Override
      public int read() {
        return fill() ? chunk[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (!fill()) {
          return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
      }
    };
    long count = 0;
    try (JsonRecordStream s = new JsonRecordStream(new BufferedReader(
        new java.io.InputStreamReader(new java.io.BufferedInputStream(in), java.nio.charset.StandardCharsets.UTF_8)))) {
      while (s.hasNext()) {
        assertThat(s.next().ok()).isTrue();
        count++;
      }
    }
    assertThat(count).isEqualTo(messages);
  }
}
