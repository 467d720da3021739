package io.moatwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layout README's code map promises, read from the sources: pure stages stay pure, nothing reaches back. */
class LayoutTest {
  private static final Path MAIN = Path.of(System.getProperty("moatwatch.projectDir", "."))
      .resolve("src/main/java/io/moatwatch");
  private static final List<String> PURE = List.of("ingest", "clean", "topics", "prepare", "language", "entities",
      "textfile", "prefilter");

  private static List<String> importsOf(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
      return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream().filter(l -> l.startsWith("import ")).map(l -> f.getFileName() + ": " + l);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void pureStagesImportNeitherSparkNorTheNlpModels() throws IOException {
    for (String pkg : PURE) {
      assertThat(importsOf(pkg)).as(pkg).noneMatch(l -> l.contains("org.apache.spark") || l.contains("edu.stanford")
          || l.contains("ai.onnxruntime") || l.contains("ai.djl") || l.contains("io.moatwatch.nlp")
          || l.contains("io.moatwatch.label"));
    }
  }

  @Test
  void noStageImportsTheCommandLineOrTheJobsWiring() throws IOException {
    try (Stream<Path> dirs = Files.list(MAIN)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String pkg = dir.getFileName().toString();
        if (pkg.equals("cli") || pkg.equals("spark")) {
          continue;
        }
        assertThat(importsOf(pkg)).as(pkg)
            .noneMatch(l -> l.contains("io.moatwatch.cli.") || l.contains("io.moatwatch.spark."));
      }
    }
  }
}
