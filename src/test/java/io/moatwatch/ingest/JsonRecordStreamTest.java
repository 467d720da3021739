package io.moatwatch.ingest;

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
}
