package io.moatwatch.cli;

import io.moatwatch.config.ConfigException;
import io.moatwatch.config.InputOutput;
import io.moatwatch.config.JobConfig;
import io.moatwatch.config.Labels;
import io.moatwatch.config.NlpStage;
import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.analyse.entities.Gazetteer;
import io.moatwatch.analyse.entities.GazetteerException;
import io.moatwatch.analyse.entities.GazetteerFile;
import io.moatwatch.read.format.Formats;
import io.moatwatch.analyse.label.LabelModelException;
import io.moatwatch.analyse.label.LabelModelSpec;
import io.moatwatch.analyse.label.Labelling;
import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.ModelMissingException;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.output.OutputLock;
import io.moatwatch.output.TableWriter;
import io.moatwatch.prepare.AuthorHasher;
import io.moatwatch.read.InputFiles;
import io.moatwatch.output.RunCounts;
import io.moatwatch.job.JobSession;
import io.moatwatch.job.MoatwatchJob;
import io.moatwatch.read.prefilter.Prefilter;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.prepare.topics.TopicsFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The job's command line. Exit codes: 0 success; 1 the run failed; 2 bad configuration (reported on one line
 * before any work is done); 3 another run is using the output (its lock, {@code OutputLock}).
 */
@Command(name = "moatwatch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    versionProvider = Main.Version.class,
    description = "Reads forum and social exports about GPU software stacks, scores them with Stanford CoreNLP"
        + " and writes per-topic sentiment as Parquet.%n",
    footer = {"%nExit codes: 0 success, 1 the run failed, 2 bad configuration, 3 another run is using the output.",
        "Outputs (docs/OUTPUTS.md): <output>/posts, topic_daily, rejects (Parquet) and _runs/<run_id>.json."})
public final class Main implements Callable<Integer> {
  static final int EXIT_FAILED = 1;
  static final int EXIT_CONFIG = 2;
  static final int EXIT_BUSY = 3;

  @Option(names = {"-i", "--input"}, split = ",", paramLabel = "PATH",
      description = "Export files, directories (read recursively) or globs; repeat or separate with commas."
          + " Default: data")
  List<String> inputs = List.of("data");

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Results directory. Default: ${DEFAULT-VALUE}")
  String output = "out/sample";

  @Option(names = "--format", paramLabel = "NAME", completionCandidates = FormatNames.class,
      description = "Input format: auto (detect per file from content) or one of ${COMPLETION-CANDIDATES}"
          + " (docs/FORMATS.md). Default: ${DEFAULT-VALUE}")
  String format = Formats.AUTO;

  @Option(names = "--day", paramLabel = "YYYY-MM-DD",
      description = "Process only this UTC day (replaces that day's partitions). Default: every day in the input.")
  String day;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First UTC day of a window (inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last UTC day of a window (inclusive).")
  String to;

  @Option(names = "--topics", paramLabel = "FILE",
      description = "Topics file (docs/TOPICS.md). Default: ${DEFAULT-VALUE} (tinygrad, ROCm, CUDA)")
  String topicsFile = TopicsFile.BUILTIN;

  @Option(names = "--gazetteer", split = ",", paramLabel = "FILE",
      description = "Extra gazetteer files (docs/ENTITIES.md), read after the built-in GPU gazetteer; they add"
          + " entities and aliases and may take an alias over. Repeat or separate with commas.")
  List<String> gazetteers = new ArrayList<>();

  @Option(names = "--no-builtin-gazetteer",
      description = "Do not load the built-in GPU gazetteer (only --gazetteer files, or stock CoreNLP NER).")
  boolean noBuiltinGazetteer;

  @Option(names = "--parser", paramLabel = "sr|pcfg",
      description = "Constituency parser for sentiment: sr (shift-reduce, fast) or pcfg. Default: ${DEFAULT-VALUE}")
  String parser = "sr";

  @Option(names = "--max-sentence-tokens", paramLabel = "N",
      description = "Sentences longer than this are not parsed or scored. Default: ${DEFAULT-VALUE}")
  int maxSentenceTokens = NlpSettings.DEFAULTS.maxSentenceTokens();

  @Option(names = "--max-chars", paramLabel = "N",
      description = "Longer cleaned posts are marked too_long, not parsed: a cap for pathological pastes."
          + " Default: ${DEFAULT-VALUE}")
  int maxChars = 100_000;

  @Option(names = "--prefilter", paramLabel = "auto|on|off",
      description = "Skip raw records of Reddit and Algolia JSON-lines dumps that hold no topic word and no id of"
          + " an on-topic thread, unparsed (counted as off_topic, reason prefiltered); auto: files of 32 MiB or"
          + " more. Default: ${DEFAULT-VALUE}")
  String prefilter = "auto";

  @Option(names = "--split-mb", paramLabel = "N",
      description = "An uncompressed or .bz2 JSON-lines file larger than N MiB is read in parts of N MiB, by as"
          + " many tasks (a .zst or .gz file is read by one task). Default: ${DEFAULT-VALUE}")
  int splitMb = (int) (Preparation.DEFAULT_SPLIT_BYTES >> 20);

  @Option(names = "--sentence-budget", paramLabel = "N",
      description = "Sentences analysed at most per post; a longer post is analysed on N of its sentences, evenly"
          + " spaced. Default: ${DEFAULT-VALUE}")
  int sentenceBudget = NlpSettings.DEFAULT_SENTENCE_BUDGET;

  @Option(names = "--max-post-seconds", paramLabel = "S",
      description = "CoreNLP time limit per post; slower posts are marked timed_out, not scored (0: no limit)."
          + " Default: ${DEFAULT-VALUE}")
  double maxPostSeconds = 60;

  @Option(names = "--ner-fine-grained", description = "Use CoreNLP's fine-grained NER classes (slow). Default: off")
  boolean nerFineGrained;

  @Option(names = "--sutime", description = "Recognise dates and times in NER with SUTime (slow). Default: off")
  boolean sutime;

  @Option(names = "--labels", paramLabel = "model|corenlp",
      description = "Who gives sentiment_label and sentiment_score: the label model (a transformer fine-tuned on"
          + " developer text, QUALITY.md) or CoreNLP's score and the neutral band (the labels before 0.2). CoreNLP's"
          + " own figures are in the corenlp_* columns either way. Default: ${DEFAULT-VALUE}")
  String labels = "model";

  @Option(names = "--sentiment-model", paramLabel = "DIR",
      description = "A label model directory written by training/train_sentiment.py (model.onnx, tokenizer.json,"
          + " model.json), instead of the shipped one; on a cluster it is shipped to the executors. Default: the"
          + " shipped model (models/sentiment-minilm)")
  String sentimentModel;

  @Option(names = "--neutral-band", paramLabel = "X|LOW,HIGH",
      description = "Neutral band of CoreNLP's post score (corenlp_label; sentiment_label with --labels corenlp):"
          + " X for [-X, X], or LOW,HIGH. Default: ${DEFAULT-VALUE}")
  String neutralBand = "0.15";

  @Option(names = "--low-volume", paramLabel = "N",
      description = "topic_daily rows with fewer posts, and topic_entities rows with fewer sentences, are flagged"
          + " low_volume (their intervals are wide; charts grey them). Default: ${DEFAULT-VALUE}")
  int lowVolume = 20;

  @Option(names = "--hash-authors", paramLabel = "KEYFILE",
      description = "Privacy: replace author names in every output by a keyed hash (HMAC-SHA256) with the key in"
          + " KEYFILE (16 bytes or more); rejects then carry no raw excerpt. Default: off")
  String authorKeyFile;

  @Option(names = "--no-inherit-topics",
      description = "Do not let replies that name no topic inherit their thread root's topics (on by default).")
  boolean noInheritTopics;

  @Option(names = "--analyse-off-topic",
      description = "Also analyse posts that match no topic (they are skipped and counted by default).")
  boolean analyseOffTopic;

  @Option(names = "--all-languages",
      description = "Also score posts detected as not English with the English models (they are skipped as"
          + " not_english and counted by default; the language column is filled either way).")
  boolean allLanguages;

  @Option(names = "--no-cache",
      description = "Neither read nor extend the annotation cache in <output>/_cache (benchmarks, or a pipeline"
          + " change you want to see from scratch). Default: cache on")
  boolean noCache;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions for the NLP stage; 0 = twice Spark's default parallelism. Default: ${DEFAULT-VALUE}")
  int partitions;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Identifier of this run in the outputs. Default: UTC time plus a random suffix")
  String runId;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("moatwatch: " + ex.getMessage() + " (see --help)");
      return EXIT_CONFIG;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("moatwatch: run failed: " + ex);
      ex.printStackTrace(commandLine.getErr());
      return EXIT_FAILED;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    JobConfig cfg;
    try {
      cfg = resolve();
    } catch (ConfigException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_CONFIG;
    }
    JobSession session = new JobSession(cfg.runId());
    List<String> files;
    Configuration hadoop;
    try {
      // Inputs and output are checked before Spark starts, with the same Hadoop settings (spark.hadoop.*)
      // that Spark will use, so a typo costs a second, not a cluster start-up.
      hadoop = session.hadoopConfiguration();
      files = InputFiles.resolve(cfg.io().inputs(), hadoop);
      TableWriter.checkWritable(cfg.io().output(), hadoop);
      Analyzers.checkModels(cfg.nlp().settings());
    } catch (ModelMissingException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_CONFIG;
    } catch (ConfigException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_CONFIG;
    }
    try (OutputLock lock = lockOutput(cfg, hadoop)) {
      SparkSession spark = session.start();
      try {
        RunCounts counts = new MoatwatchJob(spark, cfg).run(files);
        System.out.println("moatwatch run " + cfg.runId() + ": " + counts.summaryLine());
        System.out.println("moatwatch results: " + cfg.io().output() + " (manifest _runs/" + cfg.runId() + ".json)");
        return 0;
      } finally {
        spark.stop();
      }
    } catch (OutputLock.HeldException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_BUSY;
    }
  }

  /** The output's lock for this run (null on file systems without one: HDFS, object stores). */
  private static OutputLock lockOutput(JobConfig cfg, Configuration hadoop)
      throws java.io.IOException, OutputLock.HeldException {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(cfg.io().output());
    org.apache.hadoop.fs.FileSystem fs = out.getFileSystem(hadoop);
    if (!"file".equals(fs.getScheme())) {
      System.err.println("moatwatch: note: " + fs.getScheme() + " has no lock for " + cfg.io().output()
          + "; two runs on it at once are not detected (jobs/nightly.sh's lock prevents them)");
      return null;
    }
    return OutputLock.acquire(Path.of(fs.makeQualified(out).toUri()), cfg.runId());
  }

  /** Validates everything that can be checked without Spark, naming the bad value. */
  JobConfig resolve() throws ConfigException {
    Window window;
    try {
      if (day != null && (from != null || to != null)) {
        throw new ConfigException("--day cannot be combined with --from/--to");
      }
      window = day != null ? Window.day(date("--day", day)) : new Window(date("--from", from), date("--to", to));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    TopicSet topics;
    try {
      topics = TopicsFile.load(topicsFile);
    } catch (TopicsFileException e) {
      throw new ConfigException(e.getMessage());
    }
    Gazetteer gazetteer;
    try {
      List<String> files = new ArrayList<>();
      if (!noBuiltinGazetteer) {
        files.add(GazetteerFile.BUILTIN);
      }
      files.addAll(gazetteers);
      gazetteer = files.isEmpty() ? Gazetteer.EMPTY : GazetteerFile.load(files);
    } catch (GazetteerException e) {
      throw new ConfigException(e.getMessage());
    }
    String unknown = topics.unknownEntity(gazetteer.canonicalNames());
    if (unknown != null) {
      throw new ConfigException(unknown);
    }
    double[] band = neutralBand(neutralBand);
    try {
      NlpSettings nlp = new NlpSettings(NlpSettings.Parser.parse(parser), maxSentenceTokens, nerFineGrained, sutime,
          gazetteer, sentenceBudget);
      InputOutput io = new InputOutput(inputs, output, format, window, lowVolume);
      Preparation prepare = new Preparation(topics, maxChars, !noInheritTopics, !analyseOffTopic, !allLanguages,
          authorHasher(), Prefilter.Mode.parse(prefilter), (long) splitMb << 20);
      NlpStage stage = new NlpStage(nlp, maxPostSeconds, partitions, !noCache);
      String id = runId != null ? runId : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
          .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
      return new JobConfig(io, prepare, stage, labels(band), id);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private Labels labels(double[] band) throws ConfigException {
    Labelling labelling;
    try {
      labelling = new Labelling(Labelling.Source.parse(labels), band[0], band[1]);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--labels: " + e.getMessage());
    }
    if (!labelling.usesModel()) {
      if (sentimentModel != null) {
        throw new ConfigException("--sentiment-model needs --labels model (with --labels corenlp no model runs)");
      }
      return new Labels(labelling, null);
    }
    try {
      return new Labels(labelling, sentimentModel == null ? LabelModelSpec.builtin()
          : LabelModelSpec.directory(Path.of(sentimentModel)));
    } catch (LabelModelException | java.nio.file.InvalidPathException e) {
      throw new ConfigException("--sentiment-model: " + e.getMessage());
    }
  }

  private AuthorHasher authorHasher() throws ConfigException {
    if (authorKeyFile == null) {
      return null;
    }
    try {
      return AuthorHasher.fromKeyFile(Path.of(authorKeyFile));
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      throw new ConfigException("--hash-authors: cannot read the key file " + authorKeyFile);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--hash-authors: " + e.getMessage());
    }
  }

  /** {@code X} for [-X, X] or {@code LOW,HIGH}, with -1 < LOW <= 0 <= HIGH < 1. */
  static double[] neutralBand(String value) throws ConfigException {
    String bad = "--neutral-band '" + value + "' must be X in [0, 1) or LOW,HIGH with -1 < LOW <= 0 <= HIGH < 1";
    try {
      String[] parts = value.split(",", -1);
      double low;
      double high;
      if (parts.length == 1) {
        high = Double.parseDouble(parts[0].strip());
        low = -high;
      } else if (parts.length == 2) {
        low = Double.parseDouble(parts[0].strip());
        high = Double.parseDouble(parts[1].strip());
      } else {
        throw new ConfigException(bad);
      }
      if (!(low > -1 && low <= 0 && high >= 0 && high < 1)) {
        throw new ConfigException(bad);
      }
      return new double[] {low, high};
    } catch (NumberFormatException e) {
      throw new ConfigException(bad);
    }
  }

  private static LocalDate date(String option, String value) throws ConfigException {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(option + " '" + value + "' is not a date like 2026-11-21");
    }
  }

  /** The format names for --help, from the registry so the help never goes stale. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Formats.names().subList(1, Formats.names().size()).iterator();
    }
  }

  /** Prints the application and Spark versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"moatwatch " + MoatwatchJob.version() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", CoreNLP " + io.moatwatch.analyse.corenlp.CoreNlpAnalyzer.CORENLP_VERSION + ")"};
    }
  }
}
