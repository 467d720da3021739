package io.moatwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.output.ThreadDays;
import io.moatwatch.output.TopicDaily;
import io.moatwatch.output.TopicEntities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The column lists a user reads, docs/OUTPUTS.md and the notebooks' loader (notebooks/moatwatch_results.py), name
 * exactly the columns the schema writes: a column added in code and forgotten in either fails here.
 */
class SchemaDocsTest {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Pattern CODE = Pattern.compile("`([a-z_0-9]+)`");

  /** Every written table with its columns ({@code run_id} is added by the writer to every table but rejects). */
  private static final List<Object[]> TABLES = List.of(
      new Object[] {"posts", Columns.POSTS},
      new Object[] {"topic_daily", plusRunId(TopicDaily.COLUMNS)},
      new Object[] {"topic_entities", plusRunId(TopicEntities.COLUMNS)},
      new Object[] {"threads", plusRunId(ThreadDays.COLUMNS)},
      new Object[] {"rejects", Columns.REJECTS});

  private static List<String> plusRunId(List<String> columns) {
    return Stream.concat(columns.stream(), Stream.of(Columns.RUN_ID)).toList();
  }

  @Test
  void outputsMdDocumentsEveryColumnOfEveryTableAndNoOther() throws Exception {
    String md = Files.readString(ROOT.resolve("docs/OUTPUTS.md"));
    for (Object[] t : TABLES) {
      String table = (String) t[0];
      @SuppressWarnings("unchecked")
      List<String> columns = ((List<String>) t[1]).stream().filter(c -> !c.equals(Columns.DT)).toList();
      assertThat(documented(md, table, columns)).as("docs/OUTPUTS.md, table " + table)
          .containsExactlyInAnyOrderElementsOf(columns);
    }
  }

  @Test
  void outputsMdNamesEverySentenceAndEntityField() throws Exception {
    String md = Files.readString(ROOT.resolve("docs/OUTPUTS.md"));
    String sentences = row(md, "posts", "sentences");
    for (String field : Columns.SENTENCE.fieldNames()) {
      assertThat(sentences).as("sentences[]." + field).contains("`" + field + "`");
    }
    String entities = row(md, "posts", "entities");
    for (String field : Columns.ENTITY.fieldNames()) {
      assertThat(entities).as("entities[]." + field).contains("`" + field + "`");
    }
  }

  @Test
  void theNotebooksLoaderListsEveryColumnOfEachTable() throws Exception {
    String py = Files.readString(ROOT.resolve("notebooks/moatwatch_results.py"));
    for (Object[] t : TABLES) {
      String table = (String) t[0];
      if (table.equals("rejects")) {
        continue; // the notebooks do not read rejects
      }
      @SuppressWarnings("unchecked")
      List<String> columns = (List<String>) t[1];
      Matcher m = Pattern.compile("\"" + table + "\": \\[(.*?)]", Pattern.DOTALL).matcher(py);
      assertThat(m.find()).as(table + " in COLUMNS").isTrue();
      List<String> listed = new ArrayList<>();
      Matcher q = Pattern.compile("\"([a-z_0-9]+)\"").matcher(m.group(1));
      while (q.find()) {
        listed.add(q.group(1));
      }
      if (table.equals("posts")) {
        // The loader reads the columns the notebooks use; each must exist.
        assertThat(columns).as("posts columns the loader reads").containsAll(listed);
      } else {
        assertThat(listed).as("notebooks loader, table " + table).containsExactlyInAnyOrderElementsOf(columns);
      }
    }
  }

  /** The backticked names in the first cell of the rows of a table's section, with "a .. b" ranges expanded. */
  private static List<String> documented(String md, String table, List<String> schema) {
    List<String> out = new ArrayList<>();
    for (String line : section(md, table).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String cell = line.split("\\|")[1];
      Matcher m = CODE.matcher(cell);
      List<String> names = new ArrayList<>();
      while (m.find()) {
        names.add(m.group(1));
      }
      if (cell.contains("..") && names.size() == 2) {
        out.addAll(schema.subList(schema.indexOf(names.get(0)), schema.indexOf(names.get(1)) + 1));
      } else {
        out.addAll(names);
      }
    }
    return out;
  }

  private static String section(String md, String table) {
    int start = md.indexOf("## `" + table + "/");
    assertThat(start).as("a section for " + table).isNotNegative();
    int end = md.indexOf("\n## ", start + 1);
    return md.substring(start, end < 0 ? md.length() : end);
  }

  private static String row(String md, String table, String column) {
    for (String line : section(md, table).split("\n")) {
      if (line.startsWith("| `" + column + "` |")) {
        return line;
      }
    }
    throw new AssertionError("no row for " + column);
  }
}
