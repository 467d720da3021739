package io.moatwatch.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.analyse.AnalysePartition;
import io.moatwatch.cache.AnnotationCache;
import io.moatwatch.config.JobConfig;
import io.moatwatch.output.Rejects;
import io.moatwatch.output.TableWriter;
import io.moatwatch.output.ThreadDays;
import io.moatwatch.output.TopicDaily;
import io.moatwatch.output.TopicEntities;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.schema.Status;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.prefilter.Needles;
import io.moatwatch.read.prefilter.Prefilter;
import io.moatwatch.read.ReadFile;
import io.moatwatch.read.Slice;
import io.moatwatch.read.ThreadSeeds;
import io.moatwatch.output.RunCounts;
import io.moatwatch.output.RunManifest;
import io.moatwatch.output.RunTally;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Stage;
import io.moatwatch.threads.PostLanguages;
import io.moatwatch.threads.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-only: runs one moatwatch job on a Spark session. Stages (each a named Spark job group in the UI):
 * read + prepare (executors, {@link ReadFile}), threads and topics ({@link Threads}), NLP (executors,
 * {@link AnalysePartition}), write tables ({@link TableWriter}), manifest. Every input record is counted by
 * its final status, and the counts must reconcile.
 */
public final class MoatwatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(MoatwatchJob.class);

  private final SparkSession spark;
  private final JobConfig cfg;

  /**
   * The stages in the order the job runs them, with what each reads and adds; checked against each other
   * whenever a job is made ({@link Stage#check}). {@code posts} selects the posts table's columns and adds the
   * run id; the tables after it read the posts.
   */
  public static final List<Stage> STAGES = List.of(ReadFile.STAGE, Threads.STAGE, PostLanguages.STAGE,
      AnnotationCache.STAGE,
      AnalysePartition.STAGE,
      new Stage("posts", Columns.POSTS.stream().filter(c -> !c.equals(Columns.RUN_ID)).toList(), List.of(Columns.RUN_ID)),
      TopicDaily.STAGE, TopicEntities.STAGE, ThreadDays.STAGE, Rejects.STAGE);

  public MoatwatchJob(SparkSession spark, JobConfig cfg) {
    Stage.check(STAGES);
    this.spark = spark;
    this.cfg = cfg;
  }

  /** Runs the job on the given files (from {@link InputFiles#resolve}); returns the reconciled counts. */
  public RunCounts run(List<String> files) throws IOException {
    Instant started = Instant.now();
    TableWriter writer = new TableWriter(cfg.io().output(), spark.sparkContext().hadoopConfiguration(), cfg.runId());
    // An earlier run that died mid-way is settled before this one reads or writes anything.
    writer.recover();
    RunManifest manifest = new RunManifest(cfg, files, started, version(), spark.version());
    String manifestPath = "_runs/" + cfg.runId() + ".json";
    writer.writeText(manifestPath, manifest.toJson());
    LOG.info("Run {} on Spark {}, master {}: {} input files, window {}, topics {} from {}, pipeline {}",
        cfg.runId(), spark.version(), spark.sparkContext().master(), files.size(), cfg.io().window(),
        cfg.prepare().topics().names(), cfg.prepare().topics().origin(), cfg.pipeline());
    try {
      return stages(files, writer, manifest, manifestPath, started);
    } catch (IOException | RuntimeException e) {
      manifest.failed(Instant.now(), e.toString());
      try {
        writer.discardUncommitted();
        writer.writeText(manifestPath, manifest.toJson());
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private RunCounts stages(List<String> files, TableWriter writer, RunManifest manifest, String manifestPath,
      Instant started) throws IOException {
    Map<String, Double> timings = new LinkedHashMap<>();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    var hadoopConf = jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    PostPreparer preparer = new PostPreparer(cfg.prepare().topics(), cfg.io().window(), cfg.prepare().maxChars(), cfg.prepare().englishOnly());

    long t0 = System.nanoTime();
    Map<String, Long> sizes = sizes(files);
    Prefilter prefilter = prefilter(files, sizes);
    List<Slice> slices = slices(files, sizes);
    if (prefilter != null) {
      Prefilter first = prefilter;
      List<Slice> prefiltered = slices.stream().filter(s -> first.appliesTo(s.file())).toList();
      group("prefilter", "find the on-topic posts and threads of " + prefilter.files().size() + " files"
          + parts(prefiltered.size(), prefilter.files().size()));
      Set<String> ids = new TreeSet<>();
      Map<String, long[]> topicLines = new LinkedHashMap<>();
      for (ThreadSeeds.Seeds s : jsc.parallelize(prefiltered, prefiltered.size())
          .map(new ThreadSeeds(cfg.io().format(), preparer, prefilter, hadoopConf)).collect()) {
        ids.addAll(s.ids());
        if (s.lines() != null) {
          topicLines.put(s.slice(), s.lines());
        }
      }
      prefilter = prefilter.withSeeds(ids, topicLines);
      timings.put("prefilter", seconds(t0));
      LOG.info("Prefilter: first pass found {} ids of on-topic posts and threads in {} s", ids.size(),
          fmt(timings.get("prefilter")));
    }
    group("read", "read, clean and match topics in " + files.size() + " files" + parts(slices.size(), files.size()));
    ReadFile readFile = new ReadFile(cfg.io().format(), preparer, hadoopConf, cfg.prepare().authorHasher(),
        prefilter == null ? null : jsc.broadcast(prefilter));
    JavaRDD<Row> readRows;
    int cores = spark.sparkContext().defaultParallelism();
    Prefilter applied = prefilter;
    if (applied != null && cores > 1 && slices.stream().anyMatch(s -> s.isWhole() && applied.appliesTo(s.file()))) {
      // A file that cannot be split is decompressed and tested by one task; the lines it keeps are parsed,
      // cleaned and matched on every core (ReadFile.deferringParse).
      LOG.info("Read: the lines the prefilter keeps in whole files are parsed on {} cores", cores);
      ReadFile deferring = readFile.deferringParse();
      readRows = jsc.parallelize(slices, Math.max(1, slices.size())).flatMap(deferring)
          .repartition(cores).mapPartitions(deferring.parseUnparsed());
    } else {
      readRows = jsc.parallelize(slices, Math.max(1, slices.size())).flatMap(readFile);
    }
    Dataset<Row> read = spark.createDataFrame(readRows, Columns.READ).persist(StorageLevel.MEMORY_AND_DISK());
    long readCount = read.count();
    timings.put("read", seconds(t0));
    LOG.info("Read stage: {} rows from {} files in {} s", readCount, files.size(), fmt(timings.get("read")));

    if (cfg.labels().model() != null && !cfg.labels().model().isBuiltin()) {
      // A user's label model directory travels to the executors with the job (AnalysePartition finds it there).
      spark.sparkContext().addFile(cfg.labels().model().location(), true);
    }
    long t1 = System.nanoTime();
    group("nlp", "threads, topics, languages and CoreNLP sentiment");
    // Kept: counted here, then read by the NLP stage (thread resolution is several shuffles, not done twice).
    Dataset<Row> threaded = PostLanguages.detect(
        Threads.resolve(read, cfg.prepare().inheritTopics(), cfg.prepare().skipOffTopic()), preparer)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long pending = threaded.filter(col(Columns.STATUS).equalTo(Status.PENDING.label())).count();
    timings.put("threads", seconds(t1));
    read.unpersist();
    Dataset<Row> nlpIn = AnnotationCache.attach(spark, writer, threaded, cfg.pipeline(), cfg.nlp().cache(), pending);
    int partitions = cfg.nlp().partitions() > 0 ? cfg.nlp().partitions()
        : spark.sparkContext().defaultParallelism() * 2;
    LOG.info("NLP stage: {} posts to analyse in {} partitions", pending, partitions);
    Dataset<Row> analysed = nlpIn
        // By text and sorted by it, so exact duplicates arrive one after the other and are analysed once (rows
        // without text, which pass through, by id, so they do not pile up in one partition).
        .repartition(partitions, coalesce(col(Columns.TEXT_CLEAN), col(Columns.POST_ID)))
        .sortWithinPartitions(coalesce(col(Columns.TEXT_CLEAN), col(Columns.POST_ID)))
        .mapPartitions(new AnalysePartition(cfg.nlp().settings(), cfg.prepare().topics(), cfg.labels().labelling(),
            cfg.labels().model(), cfg.nlp().maxPostSeconds(), cfg.pipeline()),
            Encoders.row(Columns.ANALYSED))
        .persist(StorageLevel.MEMORY_AND_DISK());
    RunTally tally = tally(analysed);
    Map<String, Long> sources = tally.sources();
    LOG.info("Analyses: {} by CoreNLP, {} from the annotation cache, {} reused for duplicate texts",
        sources.getOrDefault("nlp", 0L), sources.getOrDefault("cache", 0L), sources.getOrDefault("duplicate", 0L));
    long sentences = tally.sentences();
    timings.put("nlp", seconds(t1));
    threaded.unpersist();
    RunCounts counts = RunCounts.of(tally.byStatus());
    LOG.info("NLP stage done in {} s: {}", fmt(timings.get("nlp")), counts.summaryLine());

    long t2 = System.nanoTime();
    group("write", "stage posts, topic_daily, topic_entities, threads and rejects");
    Column run = lit(cfg.runId());
    Dataset<Row> posts = analysed
        .filter(col(Columns.STATUS).isin(labels(true)))
        .withColumn(Columns.RUN_ID, run)
        .select(Columns.cols(Columns.POSTS))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Set<String> postDays = distinct(posts, Columns.DT);
    TreeSet<String> replaced = new TreeSet<>(postDays);
    replaced.addAll(windowDays());
    // Read before anything is rewritten: the day before this run, for topic_daily's day-over-day change.
    Dataset<Row> previousDay = replaced.isEmpty() ? null : writer.existing(spark, "topic_daily", Columns.DT,
        LocalDate.parse(replaced.first()).minusDays(1).toString());
    if (previousDay != null) {
      previousDay = previousDay.localCheckpoint();
    }
    writer.stage("posts", posts, Columns.DT, replaced, postDays);
    // Thread roots written by earlier runs (other days), for the threads table's root title and score.
    Dataset<Row> written = writer.existing(spark, "posts", Columns.DT, null);
    Dataset<Row> earlierRoots = written == null ? null : written.filter(not(col(Columns.DT).isin(replaced.toArray())));
    long[][] confusion = cfg.labels().model() == null ? null : cfg.labels().model().validationConfusion();
    writeAggregate(writer, "topic_daily", TopicDaily.build(posts, previousDay, cfg.io().lowVolume(), confusion),
        replaced);
    writeAggregate(writer, "topic_entities",
        TopicEntities.build(spark, posts, cfg.prepare().topics(), cfg.io().lowVolume()), replaced);
    writeAggregate(writer, "threads", ThreadDays.build(posts, earlierRoots), replaced);
    posts.unpersist();
    Dataset<Row> rejects = Rejects.build(analysed, cfg.runId());
    writer.stage("rejects", rejects, Columns.RUN_ID, Set.of(cfg.runId()), distinct(rejects, Columns.RUN_ID));
    if (cfg.nlp().cache()) {
      AnnotationCache.stage(spark, writer, analysed, cfg.runId() + "-" + started.toEpochMilli());
    }
    timings.put("write", seconds(t2));

    analysed.unpersist();
    if (!counts.reconciled()) {
      // run() records this in the manifest as a failed run
      throw new IllegalStateException("record counts do not reconcile: " + counts.summaryLine());
    }
    timings.put("total", seconds(started));
    manifest.succeeded(Instant.now(), counts, tally.skipReasons(), tally.perFile(files), tally.formats(),
        List.copyOf(postDays), timings);
    long peakHeapMb = JvmMemory.peakHeapMb();
    manifest.resources(sentences, sources, peakHeapMb);
    // Publishes every staged table, then this manifest: until here readers see the previous state.
    writer.commit(manifest.toJson());
    LOG.info("Run {} finished in {} s: {}; {} sentences analysed, driver peak heap {} MB", cfg.runId(),
        fmt(timings.get("total")), counts.summaryLine(), sentences, peakHeapMb);
    return counts;
  }

  /**
   * The run's prefilter, or null when no input file is to be prefiltered (see {@link Prefilter}): decided here
   * once, from the files' sizes, so a run of small exports starts no first pass.
   */
  private Prefilter prefilter(List<String> files, Map<String, Long> sizes) {
    if (!cfg.prepare().mayPrefilter()) {
      return null;
    }
    Needles needles = Needles.of(cfg.prepare().topics());
    if (!needles.usable()) {
      LOG.warn("Prefilter off: {}", needles.reason());
      return null;
    }
    Set<String> chosen = new TreeSet<>();
    for (String f : files) {
      if (Prefilter.wanted(cfg.prepare().prefilter(), sizes.get(f))) {
        chosen.add(f);
      }
    }
    return chosen.isEmpty() ? null : new Prefilter(needles, chosen);
  }

  /** Each input file's size, asked of its file system once, on the driver. */
  private Map<String, Long> sizes(List<String> files) throws IOException {
    var conf = spark.sparkContext().hadoopConfiguration();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String f : files) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
      sizes.put(f, p.getFileSystem(conf).getFileStatus(p).getLen());
    }
    return sizes;
  }

  /** " (N parts)" when the files are read in more parts than there are files. */
  private static String parts(int parts, int files) {
    return parts > files ? " (" + parts + " parts)" : "";
  }

  /**
   * What each read task reads: every file whole, except an uncompressed or .bz2 JSON-lines file larger than
   * {@code --split-mb}, which is read in parts of that size (its first record, read here, tells the layout), so
   * one big file is read on every core. Each line of JSON lines is a record of its own, whatever the format;
   * threads and duplicates are resolved after the read stage, across parts.
   */
  private List<Slice> slices(List<String> files, Map<String, Long> sizes) throws IOException {
    List<Slice> out = new ArrayList<>();
    long part = cfg.prepare().splitBytes();
    for (String f : files) {
      long length = sizes.get(f);
      if (Slice.splittable(f) && length > part && jsonLines(f)) {
        List<Slice> parts = Slice.parts(f, length, part);
        LOG.info("Reading {} ({} MB) in {} parts of {} MB", f, length >> 20, parts.size(), part >> 20);
        out.addAll(parts);
      } else {
        out.add(Slice.whole(f));
      }
    }
    return out;
  }

  /** Whether the first record of {@code file} says it is JSON lines. */
  private boolean jsonLines(String file) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
    try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p);
        var outcomes = new ExportReader(cfg.io().format()).read(in, file)) {
      return outcomes.hasNext() && outcomes.next() != null && outcomes.jsonLines();
    } catch (RuntimeException e) {
      return false; // read whole: the read stage reports what is wrong with it
    }
  }

  /** Writes one day-partitioned aggregate with the run id, replacing the run's days. */
  private void writeAggregate(TableWriter writer, String table, Dataset<Row> rows, Set<String> replaced)
      throws IOException {
    Dataset<Row> out = rows.withColumn(Columns.RUN_ID, lit(cfg.runId())).persist();
    writer.stage(table, out, Columns.DT, replaced, distinct(out, Columns.DT));
    out.unpersist();
  }

  private Set<String> windowDays() {
    Set<String> days = new TreeSet<>();
    if (cfg.io().window().isBounded()) {
      for (LocalDate d = cfg.io().window().from(); !d.isAfter(cfg.io().window().to()); d = d.plusDays(1)) {
        days.add(d.toString());
      }
    }
    return days;
  }

  private static Object[] labels(boolean writtenToPosts) {
    return Arrays.stream(Status.values())
        .filter(s -> s.writtenToPosts() == writtenToPosts && s != Status.PENDING)
        .map(Status::label)
        .toArray();
  }

  /**
   * Every count of the run in one aggregation of the analysed rows (reasons are counted by kind: the part
   * before "; ", after which come one post's details, such as its length).
   */
  private static RunTally tally(Dataset<Row> analysed) {
    Object[] skipped = Arrays.stream(Status.values())
        .filter(s -> s.outcome() == Status.Outcome.SKIPPED).map(Status::label).toArray();
    Column reasonKind = when(col(Columns.STATUS).isin(skipped).and(col(Columns.REASON).isNotNull()),
        substring_index(col(Columns.REASON), "; ", 1));
    List<RunTally.Entry> entries = new ArrayList<>();
    for (Row r : analysed.groupBy(col(Columns.FILE), col(Columns.FORMAT), col(Columns.STATUS),
            col(Columns.ANALYSIS_SOURCE), reasonKind.as("reason_kind"))
        .agg(sum(coalesce(col(Columns.N_RECORDS), lit(1L))).as("records"), sum(col(Columns.N_SENTENCES)).as("sentences"))
        .collectAsList()) {
      entries.add(new RunTally.Entry(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getLong(5), r.isNullAt(6) ? 0 : r.getLong(6)));
    }
    return new RunTally(entries);
  }

  private static Set<String> distinct(Dataset<Row> rows, String column) {
    Set<String> out = new TreeSet<>();
    for (Row r : rows.select(column).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private void group(String id, String description) {
    spark.sparkContext().setJobGroup("moatwatch-" + id, "moatwatch " + cfg.runId() + ": " + description, false);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double seconds(Instant start) {
    return (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1e3;
  }

  private static String fmt(double s) {
    return String.format("%.1f", s);
  }

  /** The application version from the jar manifest, or {@code dev} when running from classes. */
  public static String version() {
    String v = MoatwatchJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
