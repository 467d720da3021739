package io.moatwatch.cli;

import io.moatwatch.analyse.corenlp.Analyzers;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.ModelMissingException;
import io.moatwatch.analyse.entities.GazetteerFile;
import io.moatwatch.config.ConfigException;
import io.moatwatch.config.InvalidSetting;
import io.moatwatch.config.JobConfig;
import io.moatwatch.config.Labels;
import io.moatwatch.config.NlpStage;
import io.moatwatch.config.Output;
import io.moatwatch.config.Preparation;
import io.moatwatch.config.Reading;
import io.moatwatch.config.Window;
import io.moatwatch.job.JobSession;
import io.moatwatch.job.MoatwatchJob;
import io.moatwatch.job.Setup;
import io.moatwatch.output.OutputLock;
import io.moatwatch.output.RunCounts;
import io.moatwatch.output.TableWriter;
import io.moatwatch.read.InputFiles;
import io.moatwatch.read.format.Formats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
    description = "Reads forum and social exports about GPU software stacks, labels every post (and each sentence"
        + " naming a topic or an entity) with a sentiment model fine-tuned on developer text, each topic a post names"
        + " read toward it (Stanford CoreNLP's sentiment and entities beside it) and"
        + " writes per-topic sentiment as Parquet.%n",
    footer = {"%nExit codes: 0 success, 1 the run failed, 2 bad configuration, 3 another run is using the output.",
        "Outputs (docs/OUTPUTS.md): <output>/posts, topic_daily, topic_entities, threads, rejects (Parquet),"
            + " _runs/<run_id>.json (the manifest) and _report/index.html (jobs/run-local.sh, jobs/nightly.sh)."})
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
  String topicsFile = Preparation.BUILTIN_TOPICS;

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
  int maxSentenceTokens = NlpStage.DEFAULT_MAX_SENTENCE_TOKENS;

  @Option(names = "--max-chars", paramLabel = "N",
      description = "Longer cleaned posts are marked too_long, not parsed: a cap for pathological pastes."
          + " Default: ${DEFAULT-VALUE}")
  int maxChars = Preparation.DEFAULT_MAX_CHARS;

  @Option(names = "--prefilter", paramLabel = "auto|on|off",
      description = "Skip raw records of Reddit and Algolia JSON-lines dumps that hold no topic word and no id of"
          + " an on-topic thread, unparsed (counted as off_topic, reason prefiltered); auto: files of 32 MiB or"
          + " more. Default: ${DEFAULT-VALUE}")
  String prefilter = "auto";

  @Option(names = "--split-mb", paramLabel = "N",
      description = "An uncompressed or .bz2 JSON-lines file larger than N MiB is read in parts of N MiB, by as"
          + " many tasks (a .zst or .gz file is read by one task). Default: ${DEFAULT-VALUE}")
  int splitMb = (int) (Reading.DEFAULT_SPLIT_BYTES >> 20);

  @Option(names = "--sentence-budget", paramLabel = "N",
      description = "Sentences analysed at most per post; a longer post is analysed on N of its sentences, evenly"
          + " spaced. Default: ${DEFAULT-VALUE}")
  int sentenceBudget = NlpStage.DEFAULT_SENTENCE_BUDGET;

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

  @Option(names = "--topic-stance", paramLabel = "all|topics",
      description = "Which posts the label model reads toward each of their topics for topic_sentiment: every post"
          + " naming a topic, or only those naming two or more (the others take the post's own label; one model call"
          + " less per such post). QUALITY.md, \"Which posts should be read toward a stack?\". Default:"
          + " ${DEFAULT-VALUE}")
  String topicStance = "all";

  @Option(names = "--sentence-labels", paramLabel = "named|all",
      description = "Which sentences the label model reads on their own (sentences[].label): those naming a topic or"
          + " an entity, the only ones an aggregate reads, or every sentence (on short posts twice the model's calls;"
          + " BENCHMARKS.md). Every sentence keeps CoreNLP's figures either way. Default: ${DEFAULT-VALUE}")
  String sentenceLabels = "named";

  @Option(names = "--sentiment-model", paramLabel = "DIR",
      description = "A label model directory written by training/train_sentiment.py (model.onnx, tokenizer.json,"
          + " model.json), instead of the shipped one; on a cluster it is shipped to the executors. Default: the"
          + " shipped model (models/sentiment)")
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
    Setup setup;
    try {
      setup = Setup.resolve(resolve());
    } catch (ConfigException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_CONFIG;
    } catch (InvalidSetting e) {
      System.err.println("moatwatch: " + wording(e));
      return EXIT_CONFIG;
    }
    JobConfig cfg = setup.config();
    JobSession session = new JobSession(cfg.runId());
    List<String> files;
    Configuration hadoop;
    try {
      // Inputs and output are checked before Spark starts, with the same Hadoop settings (spark.hadoop.*)
      // that Spark will use, so a typo costs a second, not a cluster start-up.
      hadoop = session.hadoopConfiguration();
      files = InputFiles.resolve(cfg.read().inputs(), hadoop);
      TableWriter.checkWritable(cfg.output().directory(), hadoop);
      Analyzers.checkModels(setup.nlp());
    } catch (ModelMissingException | ConfigException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_CONFIG;
    }
    try (OutputLock lock = lockOutput(cfg, hadoop)) {
      SparkSession spark = session.start();
      try {
        RunCounts counts = new MoatwatchJob(spark, setup).run(files);
        System.out.println("moatwatch run " + cfg.runId() + ": " + counts.summaryLine());
        System.out.println("moatwatch results: " + cfg.output().directory() + " (manifest _runs/" + cfg.runId()
            + ".json)");
        return 0;
      } finally {
        spark.stop();
      }
    } catch (OutputLock.HeldException e) {
      System.err.println("moatwatch: " + e.getMessage());
      return EXIT_BUSY;
    }
  }

  /** The command-line option of each setting a settings record or the job's setup may refuse. */
  private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("inputs", "--input"),
      Map.entry("format", "--format"), Map.entry("prefilter", "--prefilter"), Map.entry("splitBytes", "--split-mb"),
      Map.entry("topicsFile", "--topics"), Map.entry("maxChars", "--max-chars"),
      Map.entry("authorKeyFile", "--hash-authors"), Map.entry("maxSentenceTokens", "--max-sentence-tokens"),
      Map.entry("sentenceBudget", "--sentence-budget"), Map.entry("maxPostSeconds", "--max-post-seconds"),
      Map.entry("partitions", "--partitions"), Map.entry("source", "--labels"),
      Map.entry("neutralBand", "--neutral-band"), Map.entry("modelDirectory", "--sentiment-model"),
      Map.entry("topicStance", "--topic-stance"), Map.entry("sentenceLabels", "--sentence-labels"),
      Map.entry("directory", "--output"), Map.entry("lowVolume", "--low-volume"), Map.entry("runId", "--run-id"));

  /** A refused setting in the command line's words: {@code --max-chars: must be at least 1, got 0}. */
  static String wording(InvalidSetting e) {
    return OPTIONS.getOrDefault(e.setting(), e.setting()) + ": " + e.problem();
  }

  /** The output's lock for this run (null on file systems without one: HDFS, object stores). */
  private static OutputLock lockOutput(JobConfig cfg, Configuration hadoop)
      throws IOException, OutputLock.HeldException {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(cfg.output().directory());
    FileSystem fs = out.getFileSystem(hadoop);
    if (!"file".equals(fs.getScheme())) {
      System.err.println("moatwatch: note: " + fs.getScheme() + " has no lock for " + cfg.output().directory()
          + "; two runs on it at once are not detected (jobs/nightly.sh's lock prevents them)");
      return null;
    }
    return OutputLock.acquire(Path.of(fs.makeQualified(out).toUri()), cfg.runId());
  }

  /**
   * The run's settings from the options, each record checking its own values ({@link InvalidSetting}); what
   * the named files hold is checked next, by {@link Setup#resolve}. Everything here runs without Spark.
   */
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
    double[] band = neutralBand(neutralBand);
    List<String> gazetteerFiles = new ArrayList<>();
    if (!noBuiltinGazetteer) {
      gazetteerFiles.add(GazetteerFile.BUILTIN);
    }
    gazetteerFiles.addAll(gazetteers);
    Labels.Source source = choice("--labels", labels, Labels.Source.class, "unknown labeller '" + labels
        + "' (expected model or corenlp)");
    if (source == Labels.Source.CORENLP && sentimentModel != null) {
      throw new ConfigException("--sentiment-model needs --labels model (with --labels corenlp no model runs)");
    }
    Reading read = new Reading(inputs, format, choice("--prefilter", prefilter, Reading.Prefiltering.class,
        "must be auto, on or off, not '" + prefilter + "'"), (long) splitMb << 20);
    Preparation prepare = new Preparation(window, topicsFile, maxChars,
        analyseOffTopic ? Preparation.OffTopic.ANALYSE : Preparation.OffTopic.SKIP,
        allLanguages ? Preparation.Languages.ALL : Preparation.Languages.ENGLISH_ONLY,
        noInheritTopics ? Preparation.Inheritance.NONE : Preparation.Inheritance.FROM_THREAD, authorKeyFile);
    NlpStage nlp = new NlpStage(choice("--parser", parser, NlpStage.Parser.class, "unknown parser '" + parser
        + "' (expected sr or pcfg)"), maxSentenceTokens,
        nerFineGrained ? NlpStage.NerClasses.FINE : NlpStage.NerClasses.COARSE,
        sutime ? NlpStage.Dates.SUTIME : NlpStage.Dates.OFF, gazetteerFiles, sentenceBudget, maxPostSeconds,
        partitions, noCache ? NlpStage.Caching.OFF : NlpStage.Caching.ON);
    String id = runId != null ? runId : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
    Labels.TopicStance stance = choice("--topic-stance", topicStance, Labels.TopicStance.class,
        "must be all or topics, not '" + topicStance + "'");
    Labels.SentenceLabels sentences = choice("--sentence-labels", sentenceLabels, Labels.SentenceLabels.class,
        "must be named or all, not '" + sentenceLabels + "'");
    return new JobConfig(read, prepare, nlp, new Labels(source, band[0], band[1], sentimentModel, stance, sentences),
        new Output(output, lowVolume), id);
  }

  /** One of an enum's values, named in lower case on the command line. */
  private static <E extends Enum<E>> E choice(String option, String value, Class<E> type, String problem)
      throws ConfigException {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(option + ": " + problem);
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
    public Iterator<String> iterator() {
      return Formats.names().subList(1, Formats.names().size()).iterator();
    }
  }

  /** Prints the application and Spark versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"moatwatch " + MoatwatchJob.version() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", CoreNLP " + CoreNlpAnalyzer.CORENLP_VERSION + ")"};
    }
  }
}
