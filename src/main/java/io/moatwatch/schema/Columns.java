package io.moatwatch.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Every column name and schema in moatwatch's tables, in one place (documented in docs/OUTPUTS.md).
 *
 * <p>{@link #READ} is one row per input record after the read stage (posts and rejects alike);
 * {@link #ANALYSED} adds topic inheritance and NLP results. The written tables are projections of it.
 */
public final class Columns {
  public static final String STATUS = "status";
  public static final String REASON = "reason";
  public static final String POST_ID = "post_id";
  public static final String SOURCE = "source";
  public static final String KIND = "kind";
  public static final String COMMUNITY = "community";
  public static final String THREAD_ID = "thread_id";
  public static final String PARENT_ID = "parent_id";
  public static final String AUTHOR = "author";
  public static final String CREATED_AT = "created_at";
  public static final String TITLE = "title";
  public static final String URL = "url";
  public static final String SCORE = "score";
  public static final String DELETED = "deleted";
  public static final String REMOVED = "removed";
  public static final String TEXT_CLEAN = "text_clean";
  /**
   * The code blocks, log and shell lines cleaning kept out of {@link #TEXT_CLEAN}, one per line (null when none; at
   * most {@code CODE_CHARS} characters): the name rules read it for entities, nothing scores it.
   */
  public static final String TEXT_CODE = "text_code";
  /** How much of a post's code and log lines {@link #TEXT_CODE} keeps. */
  public static final int CODE_CHARS = 20_000;
  public static final String TOPICS_DIRECT = "topics_direct";
  /** Each of a post's topics with where it was found: title, prose, code, url, quote, community, inherited. */
  public static final String TOPIC_SOURCES = "topic_sources";
  /** Topics of the thread title the export gives on a reply (Algolia's story_title, Reddit's link_title ...). */
  public static final String TOPICS_THREAD_TITLE = "topics_thread_title";
  public static final String DT = "dt";
  public static final String FORMAT = "format";
  public static final String FILE = "file";
  public static final String POSITION = "position";
  public static final String SEQ = "seq";
  public static final String VERSION = "version";
  public static final String EXCERPT = "excerpt";
  public static final String DROPPED_CODE_BLOCKS = "dropped_code_blocks";
  public static final String DROPPED_QUOTES = "dropped_quotes";
  public static final String DROPPED_LOG_LINES = "dropped_log_lines";
  public static final String DROPPED_URLS = "dropped_urls";
  public static final String LANGUAGE = "language";
  /** How many input records a row stands for: null (one), or a file's count of records the prefilter skipped. */
  public static final String N_RECORDS = "n_records";

  public static final String DEPTH = "depth";
  public static final String TOPICS = "topics";
  public static final String TOPICS_INHERITED = "topics_inherited";
  public static final String N_SENTENCES = "n_sentences";
  public static final String N_SENTENCES_SCORED = "n_sentences_scored";
  public static final String SENTIMENT_SCORE = "sentiment_score";
  public static final String SENTIMENT_LABEL = "sentiment_label";
  /** The label model's negative / neutral / positive probabilities (null with {@code --labels corenlp}). */
  public static final String SENTIMENT_PROBABILITIES = "sentiment_probabilities";
  /**
   * Each of a post's topics with its own label: the label model's reading of the post toward the topic when the
   * post names it itself, the post's own when it only inherits it (see {@link #TOPIC_LABEL}).
   */
  public static final String TOPIC_SENTIMENT = "topic_sentiment";
  /** CoreNLP's own post score and its neutral-band label, whatever gives {@link #SENTIMENT_LABEL}. */
  public static final String CORENLP_SCORE = "corenlp_score";
  public static final String CORENLP_LABEL = "corenlp_label";
  public static final String N_VERY_NEGATIVE = "n_very_negative";
  public static final String N_NEGATIVE = "n_negative";
  public static final String N_NEUTRAL = "n_neutral";
  public static final String N_POSITIVE = "n_positive";
  public static final String N_VERY_POSITIVE = "n_very_positive";
  public static final String ENTITIES = "entities";
  public static final String SENTENCES = "sentences";
  public static final String PIPELINE = "pipeline";
  public static final String RUN_ID = "run_id";
  /** Annotation cache: the content address of a pending post's analysis, and a cached analysis (JSON). */
  public static final String CACHE_KEY = "cache_key";
  public static final String CACHED = "cached_analysis";
  /** Where a post's analysis came from: {@code nlp}, {@code cache} or {@code duplicate} (null if not analysed). */
  public static final String ANALYSIS_SOURCE = "analysis_source";
  /** A new analysis to add to the cache (JSON), or null. */
  public static final String NEW_ANALYSIS = "new_analysis";

  /** The five sentence-class count columns, in class order 0..4. */
  public static final List<String> CLASS_COUNTS =
      List.of(N_VERY_NEGATIVE, N_NEGATIVE, N_NEUTRAL, N_POSITIVE, N_VERY_POSITIVE);

  /**
   * topic_sentiment[] (of a post, and of a sentence): a topic, its label and score, and where they came from:
   * {@code post} (the post's own; it inherited its topics, or named one with {@code --topic-stance topics}),
   * {@code sentence} (the sentence's own; it names one topic) or {@code stance} (the label model read the text
   * toward the topic; a post naming it itself, a sentence naming two or more).
   */
  public static final StructType TOPIC_LABEL = new StructType()
      .add("topic", StringType, false)
      .add("label", StringType, false)
      .add("score", DoubleType, true)
      .add("source", StringType, false);

  /**
   * entities[]: text as written, type (the gazetteer's or the name rules', else CoreNLP's), canonical name, sentence
   * index (-1 when found outside the prose), the entity's kind, vendor, family and architecture and the version
   * written with it where known (null otherwise), and where it was found ({@code prose} or {@code code}: code
   * blocks, log and shell lines).
   */
  public static final StructType ENTITY = new StructType()
      .add("text", StringType, false)
      .add("type", StringType, false)
      .add("canonical", StringType, false)
      .add("sentence", IntegerType, false)
      .add("kind", StringType, true)
      .add("vendor", StringType, true)
      .add("family", StringType, true)
      .add("arch", StringType, true)
      .add("version", StringType, true)
      .add("found_in", StringType, false);

  /**
   * sentences[]: one sentence. {@code sentiment_class} and {@code probabilities} are CoreNLP's (five classes; null
   * over the length cap); {@code score} / {@code label} are the post's labeller's (the label model's by default),
   * {@code label_probabilities} the model's, {@code corenlp_score} / {@code corenlp_label} CoreNLP's.
   */
  public static final StructType SENTENCE = new StructType()
      .add("index", IntegerType, false)
      .add("text", StringType, false)
      .add("tokens", IntegerType, false)
      .add("sentiment_class", IntegerType, true)
      .add("probabilities", createArrayType(DoubleType, false), true)
      .add("score", DoubleType, true)
      .add("label", StringType, true)
      .add("label_probabilities", createArrayType(DoubleType, false), true)
      .add("corenlp_score", DoubleType, true)
      .add("corenlp_label", StringType, true)
      .add("topics", createArrayType(StringType, false), false)
      .add("topic_sentiment", createArrayType(TOPIC_LABEL, false), false)
      .add("entities", createArrayType(StringType, false), false);

  /** {@link #TOPIC_SOURCES}: topic name to the parts it was found in. */
  public static final MapType TOPIC_SOURCES_TYPE =
      DataTypes.createMapType(StringType, createArrayType(StringType, false), false);

  public static final StructType READ = new StructType()
      .add(STATUS, StringType, false)
      .add(REASON, StringType, true)
      .add(POST_ID, StringType, true)
      .add(SOURCE, StringType, true)
      .add(KIND, StringType, true)
      .add(COMMUNITY, StringType, true)
      .add(THREAD_ID, StringType, true)
      .add(PARENT_ID, StringType, true)
      .add(AUTHOR, StringType, true)
      .add(CREATED_AT, TimestampType, true)
      .add(TITLE, StringType, true)
      .add(URL, StringType, true)
      .add(SCORE, LongType, true)
      .add(DELETED, BooleanType, true)
      .add(REMOVED, BooleanType, true)
      .add(TEXT_CLEAN, StringType, true)
      .add(TEXT_CODE, StringType, true)
      .add(TOPICS_DIRECT, createArrayType(StringType, false), true)
      .add(TOPIC_SOURCES, TOPIC_SOURCES_TYPE, true)
      .add(TOPICS_THREAD_TITLE, createArrayType(StringType, false), true)
      .add(DT, StringType, true)
      .add(FORMAT, StringType, false)
      .add(FILE, StringType, false)
      .add(POSITION, StringType, false)
      .add(SEQ, LongType, false)
      .add(VERSION, TimestampType, true)
      .add(EXCERPT, StringType, true)
      .add(DROPPED_CODE_BLOCKS, IntegerType, true)
      .add(DROPPED_QUOTES, IntegerType, true)
      .add(DROPPED_LOG_LINES, IntegerType, true)
      .add(DROPPED_URLS, IntegerType, true)
      .add(LANGUAGE, StringType, true)
      .add(N_RECORDS, LongType, true);

  /** Columns the topics stage adds before NLP. */
  public static final StructType THREADED = READ
      .add(DEPTH, IntegerType, true)
      .add(TOPICS, createArrayType(StringType, false), true)
      .add(TOPICS_INHERITED, BooleanType, true);

  /** What the NLP stage reads: the cache key and, on a cache hit, the cached analysis. */
  public static final StructType NLP_IN = THREADED
      .add(CACHE_KEY, StringType, true)
      .add(CACHED, StringType, true);

  public static final StructType ANALYSED = withAnalysis(NLP_IN)
      .add(ANALYSIS_SOURCE, StringType, true)
      .add(NEW_ANALYSIS, StringType, true);

  private static StructType withAnalysis(StructType base) {
    StructType s = base
        .add(N_SENTENCES, IntegerType, true)
        .add(N_SENTENCES_SCORED, IntegerType, true)
        .add(SENTIMENT_SCORE, DoubleType, true)
        .add(SENTIMENT_LABEL, StringType, true)
        .add(SENTIMENT_PROBABILITIES, createArrayType(DoubleType, false), true)
        .add(TOPIC_SENTIMENT, createArrayType(TOPIC_LABEL, false), true)
        .add(CORENLP_SCORE, DoubleType, true)
        .add(CORENLP_LABEL, StringType, true);
    for (String c : CLASS_COUNTS) {
      s = s.add(c, IntegerType, true);
    }
    return s
        .add(ENTITIES, createArrayType(ENTITY, false), true)
        .add(SENTENCES, createArrayType(SENTENCE, false), true)
        .add(PIPELINE, StringType, true);
  }

  /** The columns of the {@code posts} table, in order ({@code dt} is the partition column). */
  public static final List<String> POSTS = List.of(
      POST_ID, SOURCE, KIND, COMMUNITY, THREAD_ID, PARENT_ID, DEPTH, AUTHOR, CREATED_AT, TITLE, URL, SCORE,
      TOPICS, TOPICS_DIRECT, TOPICS_INHERITED, TOPIC_SOURCES, STATUS, REASON, LANGUAGE, N_SENTENCES, N_SENTENCES_SCORED,
      SENTIMENT_SCORE, SENTIMENT_LABEL, SENTIMENT_PROBABILITIES, TOPIC_SENTIMENT, CORENLP_SCORE, CORENLP_LABEL, N_VERY_NEGATIVE, N_NEGATIVE, N_NEUTRAL, N_POSITIVE, N_VERY_POSITIVE,
      ENTITIES, SENTENCES, TEXT_CLEAN, TEXT_CODE, DELETED, REMOVED, DROPPED_CODE_BLOCKS, DROPPED_QUOTES, DROPPED_LOG_LINES,
      DROPPED_URLS, FORMAT, FILE, POSITION, PIPELINE, RUN_ID, DT);

  /** The columns of the {@code rejects} table ({@code run_id} is the partition column). */
  public static final List<String> REJECTS =
      List.of(FILE, POSITION, FORMAT, REASON, EXCERPT, POST_ID, STATUS, RUN_ID);

  private Columns() {}

  /** The column names of a schema, in order. */
  public static List<String> names(StructType schema) {
    return List.of(schema.fieldNames());
  }

  /** The names of {@code schema}'s columns that {@code base} does not have: what a stage adds to its input. */
  public static List<String> added(StructType schema, StructType base) {
    return names(schema).stream().filter(n -> base.getFieldIndex(n).isEmpty()).toList();
  }

  /** The named columns, in order, for {@code Dataset.select}. */
  public static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** A map of lists as the Scala map of sequences Spark's row encoder expects for map columns (null stays null). */
  public static scala.collection.immutable.Map<String, scala.collection.immutable.Seq<String>> mapOfSeqs(
      Map<String, List<String>> map) {
    if (map == null) {
      return null;
    }
    Map<String, scala.collection.immutable.Seq<String>> converted = new LinkedHashMap<>();
    map.forEach((k, v) -> converted.put(k, seq(v)));
    return scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(converted));
  }

  /** A Java list as the Scala sequence Spark's row encoder expects for array columns (null stays null). */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return list == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }
}
