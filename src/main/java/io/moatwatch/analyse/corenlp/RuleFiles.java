package io.moatwatch.analyse.corenlp;

import io.moatwatch.analyse.entities.GazetteerRules;
import io.moatwatch.analyse.entities.NameRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gazetteer's RegexNER mappings and the name rules, written to temporary files because CoreNLP reads rules
 * from files, not from strings; a user's gazetteer thus travels to executors inside the settings, not as a path
 * they may not have. CoreNLP reads the files while it builds its annotators, so whoever builds a pipeline closes
 * this right after, and the files are gone even if the JVM is later killed (a nightly run stopped by its scheduler
 * never reaches {@code deleteOnExit}, which stays as the fallback for callers that keep the files).
 */
final class RuleFiles implements AutoCloseable {
  private final List<Path> written = new ArrayList<>();

  /**
   * The mapping property's value naming the gazetteer's two files ({@link GazetteerRules.Mapping#property}), or
   * null without a gazetteer.
   */
  String gazetteer(NlpSettings settings) {
    if (settings.gazetteer().entries().isEmpty()) {
      return null;
    }
    GazetteerRules.Mapping mapping = GazetteerRules.mapping(settings.gazetteer());
    return GazetteerRules.Mapping.property(write("moatwatch-gazetteer-", ".tsv", mapping.caseless()),
        write("moatwatch-gazetteer-exact-", ".tsv", mapping.exactCase()));
  }

  /** The shipped name rules' file ({@link NameRules}). */
  String nameRules() {
    return write("moatwatch-name-rules-", ".rules", NameRules.text());
  }

  /** The files written so far. */
  List<Path> files() {
    return List.copyOf(written);
  }

  private String write(String prefix, String suffix, String text) {
    try {
      Path file = Files.createTempFile(prefix, suffix);
      written.add(file);
      file.toFile().deleteOnExit();
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file.toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rules for CoreNLP (" + prefix + ")", e);
    }
  }

  /** Deletes the files (CoreNLP has read them once the pipelines built from them exist). */
  @Override
  public void close() {
    for (Path file : written) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete CoreNLP's rules file " + file, e);
      }
    }
  }
}
