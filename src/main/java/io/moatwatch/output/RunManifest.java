package io.moatwatch.output;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.analyse.entities.Gazetteer;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.config.JobConfig;
import io.moatwatch.prepare.topics.TopicSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON record of one run, written to {@code <output>/_runs/<run_id>.json}: first with status
 * {@code running} when the run starts, then, after every table is written, with status {@code succeeded}
 * and the counts. A manifest still saying {@code running} marks a run that did not finish.
 * Fields are documented in docs/OUTPUTS.md.
 */
public final class RunManifest {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ObjectNode root = MAPPER.createObjectNode();

  /**
   * What the run loaded from the files its configuration names, for the manifest.
   *
   * @param topics               the topics
   * @param gazetteer            the gazetteer
   * @param model                the label model, or null with CoreNLP labels
   * @param authorKeyFingerprint the author key's fingerprint, or null when names are kept
   * @param pipeline             the pipeline signature
   */
  public record Loaded(TopicSet topics, Gazetteer gazetteer, LabelModelSpec model, String authorKeyFingerprint,
      String pipeline) {}

  public RunManifest(JobConfig cfg, Loaded loaded, List<String> files, Instant startedAt, String moatwatchVersion,
      String sparkVersion) {
    root.put("run_id", cfg.runId());
    root.put("status", "running");
    root.put("started_at", startedAt.toString());
    root.putNull("finished_at");
    ObjectNode versions = root.putObject("versions");
    versions.put("moatwatch", moatwatchVersion);
    versions.put("spark", sparkVersion);
    versions.put("pipeline", loaded.pipeline());
    ObjectNode config = root.putObject("config");
    cfg.read().inputs().forEach(config.putArray("inputs")::add);
    config.put("output", cfg.output().directory());
    config.put("format", cfg.read().format());
    config.put("window", cfg.prepare().window().toString());
    config.put("topics_file", loaded.topics().origin());
    loaded.topics().names().forEach(config.putArray("topics")::add);
    loaded.gazetteer().origins().forEach(config.putArray("gazetteer_files")::add);
    config.put("gazetteer_entities", loaded.gazetteer().entries().size());
    config.putArray("neutral_band").add(cfg.labels().neutralLow()).add(cfg.labels().neutralHigh());
    config.put("labels", cfg.labels().source().label());
    config.put("topic_stance", cfg.labels().topicStance().label());
    config.put("sentence_labels", cfg.labels().sentenceLabels().label());
    if (loaded.model() != null) {
      config.put("sentiment_model", loaded.model().location());
      config.put("sentiment_model_name", loaded.model().name());
      config.put("sentiment_model_sha256", loaded.model().modelSha256());
    }
    config.put("hash_authors", loaded.authorKeyFingerprint() != null);
    if (loaded.authorKeyFingerprint() != null) {
      config.put("author_key_fingerprint", loaded.authorKeyFingerprint());
    }
    config.put("max_chars", cfg.prepare().maxChars());
    config.put("sentence_budget", cfg.nlp().sentenceBudget());
    config.put("prefilter", cfg.read().prefilter().name().toLowerCase(Locale.ROOT));
    config.put("split_mb", cfg.read().splitBytes() >> 20);
    config.put("low_volume", cfg.output().lowVolume());
    config.put("max_post_seconds", cfg.nlp().maxPostSeconds());
    config.put("inherit_topics", cfg.prepare().inheritsTopics());
    config.put("skip_off_topic", cfg.prepare().skipsOffTopic());
    config.put("annotation_cache", cfg.nlp().caches());
    config.put("english_only", cfg.prepare().englishOnly());
    config.put("config_hash", Integer.toHexString(config.toString().hashCode()));
    files.forEach(root.putArray("files")::add);
  }

  /** Records a finished run: counts, per-file counts, the days written and stage timings. */
  public void succeeded(Instant finishedAt, RunCounts counts, Map<String, Long> skipReasons,
      Map<String, Map<String, Long>> perFile, Map<String, String> formats, List<String> days,
      Map<String, Double> timings) {
    root.put("status", "succeeded");
    root.put("finished_at", finishedAt.toString());
    ObjectNode c = root.putObject("counts");
    c.put("read", counts.read());
    c.put("analysed", counts.analysed());
    c.put("skipped", counts.skipped());
    c.put("rejected", counts.rejected());
    c.put("reconciled", counts.reconciled());
    ObjectNode byStatus = c.putObject("by_status");
    counts.byStatus().forEach(byStatus::put);
    ObjectNode reasons = c.putObject("skip_reasons");
    skipReasons.forEach(reasons::put);
    var inputs = root.putArray("inputs");
    perFile.forEach((file, statuses) -> {
      ObjectNode f = inputs.addObject();
      f.put("file", file);
      f.put("format", formats.getOrDefault(file, "unknown"));
      RunCounts fc = RunCounts.of(statuses);
      f.put("read", fc.read());
      f.put("analysed", fc.analysed());
      f.put("skipped", fc.skipped());
      f.put("rejected", fc.rejected());
    });
    days.forEach(root.putArray("days")::add);
    ObjectNode t = root.putObject("timings_s");
    timings.forEach((k, v) -> t.put(k, Math.round(v * 10) / 10.0));
  }

  /**
   * Records what the NLP stage did and what this (driver) JVM used: sentences in the analysed posts, where
   * the analyses came from ({@code nlp}: CoreNLP ran; {@code cache}: the annotation cache; {@code duplicate}:
   * another post of the run had the same text), and the JVM's peak heap, which in local mode includes the
   * executor's pipeline.
   */
  public void resources(long sentences, Map<String, Long> analysisSources, long driverPeakHeapMb) {
    root.with("counts").put("sentences", sentences);
    root.with("counts").put("analysed_by_corenlp", analysisSources.getOrDefault("nlp", 0L));
    root.with("counts").put("annotation_cache_hits", analysisSources.getOrDefault("cache", 0L));
    root.with("counts").put("duplicate_texts_reused", analysisSources.getOrDefault("duplicate", 0L));
    root.putObject("jvm").put("driver_peak_heap_mb", driverPeakHeapMb);
  }

  /** Records a run that stopped with an error. */
  public void failed(Instant finishedAt, String error) {
    root.put("status", "failed");
    root.put("finished_at", finishedAt.toString());
    root.put("error", error);
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot render the run manifest", e);
    }
  }
}
