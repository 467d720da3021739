package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moatwatch.schema.Post;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Stack Exchange XML and CSV record streams, through {@link ExportReader}. */
class XmlAndCsvTest {

  private static List<ReadOutcome> read(String text, String name) throws Exception {
    List<ReadOutcome> out = new ArrayList<>();
    try (var o = new ExportReader("auto").read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name)) {
      o.forEachRemaining(out::add);
    }
    return out;
  }

  private static Post post(ReadOutcome o) {
    return ((ReadOutcome.Parsed) o).post();
  }

  @Test
  void stackExchangeQuestionsAnswersAndTagWikis() throws Exception {
    var out = read("""
        <?xml version="1.0" encoding="utf-8"?>
        <posts>
          <row Id="1" PostTypeId="1" CreationDate="2026-11-20T09:00:00.123" Score="5" OwnerUserId="4"
               Title="Is ROCm worth it?" Tags="&lt;rocm&gt;&lt;amd&gt;" Body="&lt;p&gt;Asking for a friend.&lt;/p&gt;" />
          <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2026-11-20T10:00:00" Score="2"
               OwnerDisplayName="gone_user" Body="&lt;p&gt;Yes.&lt;/p&gt;" />
          <row Id="3" PostTypeId="4" CreationDate="2026-11-20T10:00:00" Body="tag wiki" />
        </posts>
        """, "/dumps/gpu.stackexchange.com/Posts.xml");
    assertThat(out).hasSize(3);
    Post q = post(out.get(0));
    assertThat(q.postId()).isEqualTo("stackexchange:gpu.stackexchange.com/1");
    assertThat(q.title()).isEqualTo("Is ROCm worth it? [rocm, amd]");
    assertThat(q.text()).isEqualTo("<p>Asking for a friend.</p>");
    assertThat(q.createdAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00.123Z"));
    assertThat(q.author()).isEqualTo("user 4");
    assertThat(q.url()).isEqualTo("https://gpu.stackexchange.com/q/1");
    Post a = post(out.get(1));
    assertThat(a.parentId()).isEqualTo(q.postId());
    assertThat(a.threadId()).isEqualTo(q.postId());
    assertThat(a.author()).isEqualTo("gone_user");
    assertThat(((ReadOutcome.Skipped) out.get(2)).reason()).isEqualTo("stack exchange post type 4 (not a question or answer)");
  }

  @Test
  void newTagFormatIsReadToo() {
    assertThat(StackExchangeReader.tags("|feature-request|discussion|")).isEqualTo("feature-request, discussion");
    assertThat(StackExchangeReader.tags("<storage><whole-bean>")).isEqualTo("storage, whole-bean");
    assertThat(StackExchangeReader.tags("")).isNull();
  }

  @Test
  void malformedXmlEndsWithOneReject() throws Exception {
    var out = read("<posts>\n<row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2026-11-20T09:00:00\" Title=\"t\" Body=\"b\"/>\n"
        + "<row Id=\"2\" PostTypeId=\"2\n", "Posts.xml");
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isInstanceOf(ReadOutcome.Parsed.class);
    assertThat(((ReadOutcome.Rejected) out.get(1)).reject().reason()).startsWith("malformed XML:");
  }

  @Test
  void externalEntitiesAreRefused() throws Exception {
    var out = read("<?xml version=\"1.0\"?>\n<!DOCTYPE posts [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<posts><row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2026-11-20T09:00:00\" Title=\"&x;\" Body=\"b\"/></posts>",
        "Posts.xml");
    assertThat(out).noneMatch(o -> o instanceof ReadOutcome.Parsed p && p.post().title() != null
        && p.post().title().contains("root:"));
    assertThat(out).anyMatch(o -> o instanceof ReadOutcome.Rejected);
  }

  @Test
  void csvWithQuotesNewlinesAndABadRow() throws Exception {
    var out = read("""
        id,source,created_at,author,text,score
        1,forum,2026-11-20T09:00:00Z,ann,"ROCm works, finally",3
        2,forum,2026-11-20T10:00:00Z,bob,"He said ""CUDA is fine""
        and left",
        3,forum,2026-11-20T11:00:00Z,cid,too,many,fields
        4,forum,2026-11-20T12:00:00Z,dee,last,1
        """, "export.csv");
    assertThat(out).hasSize(4);
    assertThat(out.get(0).format()).isEqualTo("csv");
    assertThat(post(out.get(0)).text()).isEqualTo("ROCm works, finally");
    assertThat(post(out.get(0)).postId()).isEqualTo("forum:1");
    assertThat(post(out.get(0)).score()).isEqualTo(3L);
    assertThat(post(out.get(1)).text()).isEqualTo("He said \"CUDA is fine\"\nand left");
    assertThat(post(out.get(1)).score()).isNull();
    var bad = (ReadOutcome.Rejected) out.get(2);
    assertThat(bad.reject().position()).isEqualTo("line 5");
    assertThat(bad.reject().reason()).isEqualTo("CSV row has 7 fields, the header has 6");
    assertThat(out.get(3).position()).isEqualTo("line 6");
  }

  @Test
  void aCsvExportCutInsideAQuoteKeepsItsRowsAndRejectsTheRest() throws Exception {
    var out = read("""
        id,source,created_at,author,text,score
        1,forum,2026-11-20T09:00:00Z,ann,"ROCm works, finally",3
        2,forum,2026-11-20T10:00:00Z,bob,"the export was cut sho""", "export.csv");
    assertThat(out).hasSize(2);
    assertThat(post(out.get(0)).text()).isEqualTo("ROCm works, finally");
    var cut = (ReadOutcome.Rejected) out.get(1);
    assertThat(cut.reject().position()).isEqualTo("line 3");
    assertThat(cut.reject().reason()).startsWith("not CSV from line 3: Missing closing quote");
  }

  @Test
  void aQuoteLeftOpenUntilTheEndIsNamedWithItsLine() {
    assertThatThrownBy(() -> CsvRows.readAll("id,text\n1,\"cut sho", ','))
        .hasMessageContaining("not CSV from line 2: Missing closing quote for value");
  }

  @Test
  void csvRowsTakeAnyDelimiterAndSkipBlankLines() {
    List<List<String>> rows = CsvRows.readAll(
        "\"ID\";\"Text\"\r\n\"t1\";\"a \"\"quoted\"\"; line\nbreak\"\n\nt2;plain\n", ';');
    assertThat(rows).containsExactly(List.of("ID", "Text"), List.of("t1", "a \"quoted\"; line\nbreak"),
        List.of("t2", "plain"));
  }
}
