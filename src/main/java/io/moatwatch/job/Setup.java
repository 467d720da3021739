package io.moatwatch.job;

import io.moatwatch.analyse.NlpTask;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.analyse.entities.Gazetteer;
import io.moatwatch.analyse.entities.GazetteerException;
import io.moatwatch.analyse.entities.GazetteerFile;
import io.moatwatch.analyse.label.LabelModelException;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.config.ConfigException;
import io.moatwatch.config.InvalidSetting;
import io.moatwatch.config.JobConfig;
import io.moatwatch.output.RunManifest;
import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.prepare.topics.TopicsFileException;
import io.moatwatch.read.format.Formats;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A run's configuration with the files it names loaded, once, on the driver: the topics, the gazetteer, the label
 * model's description (checked against its SHA-256) and the author key. Whatever is wrong with them stops the run
 * here, before Spark starts ({@link #resolve}). Driver-only; the parts executors need travel inside the stages'
 * own serializable objects ({@link #preparer()}, {@link #nlpTask()}).
 *
 * @param config    what the run was told
 * @param topics    the topics file, loaded
 * @param gazetteer the gazetteer files, merged in order
 * @param nlp       CoreNLP's settings with the gazetteer
 * @param model     the label model, or null with CoreNLP labels
 * @param authors   the author hasher, or null when names are kept
 */
public record Setup(JobConfig config, TopicSet topics, Gazetteer gazetteer, NlpSettings nlp, LabelModelSpec model,
    AuthorHasher authors) {

  /**
   * Loads what {@code config} names. A file that cannot be read or does not hold what it should is a
   * {@link ConfigException} with the file and line; a bad value is an {@link InvalidSetting} naming the setting.
   */
  public static Setup resolve(JobConfig config) throws ConfigException {
    String format = config.read().format();
    if (!Formats.AUTO.equals(format) && !Formats.names().contains(format)) {
      throw new InvalidSetting("format", "unknown format '" + format + "' (expected one of "
          + String.join(", ", Formats.names()) + ")");
    }
    TopicSet topics;
    try {
      topics = TopicsFile.load(config.prepare().topicsFile());
    } catch (TopicsFileException e) {
      throw new ConfigException(e.getMessage());
    }
    Gazetteer gazetteer;
    try {
      gazetteer = config.nlp().gazetteerFiles().isEmpty() ? Gazetteer.EMPTY
          : GazetteerFile.load(config.nlp().gazetteerFiles());
    } catch (GazetteerException e) {
      throw new ConfigException(e.getMessage());
    }
    String unknown = topics.unknownEntity(gazetteer.canonicalNames());
    if (unknown != null) {
      throw new ConfigException(unknown);
    }
    return new Setup(config, topics, gazetteer, NlpSettings.of(config.nlp(), gazetteer), model(config),
        authors(config.prepare().authorKeyFile()));
  }

  private static LabelModelSpec model(JobConfig config) {
    if (!config.labels().usesModel()) {
      return null;
    }
    String dir = config.labels().modelDirectory();
    try {
      return dir == null ? LabelModelSpec.builtin() : LabelModelSpec.directory(Path.of(dir));
    } catch (LabelModelException | InvalidPathException e) {
      throw new InvalidSetting("modelDirectory", e.getMessage());
    }
  }

  private static AuthorHasher authors(String keyFile) {
    if (keyFile == null) {
      return null;
    }
    try {
      return AuthorHasher.fromKeyFile(Path.of(keyFile));
    } catch (IOException | InvalidPathException e) {
      throw new InvalidSetting("authorKeyFile", "cannot read the key file " + keyFile);
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting("authorKeyFile", e.getMessage());
    }
  }

  /**
   * The pipeline signature of this run's analyses: CoreNLP's settings and, when the label model runs, the model
   * ({@code .../labels=sentiment@1a2b3c4d5e6f}). It is the {@code pipeline} column; the annotation cache keys
   * analyses by CoreNLP's part ({@link #corenlpSignature}) and keeps the model's beside each entry.
   */
  public String pipeline() {
    return model == null ? nlp.signature() : nlp.signature() + "/" + model.signature();
  }

  /** CoreNLP's settings alone: the annotation cache's key (cache.CacheKey). */
  public String corenlpSignature() {
    return nlp.signature();
  }

  /** The read stage's per-post preparation (cleaning, topics, window, caps, language). */
  public PostPreparer preparer() {
    return new PostPreparer(topics, config.prepare());
  }

  /** What every NLP task needs. */
  public NlpTask nlpTask() {
    return NlpTask.of(nlp, config.labels(), model, topics, config.nlp().maxPostSeconds(), pipeline());
  }

  /** What the manifest records of the loaded files. */
  public RunManifest.Loaded loaded() {
    return new RunManifest.Loaded(topics, gazetteer, model, authors == null ? null : authors.keyFingerprint(),
        pipeline());
  }
}
