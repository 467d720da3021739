package io.moatwatch.threads;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.moatwatch.config.Preparation;
import io.moatwatch.prepare.topics.TopicSources;
import io.moatwatch.schema.Columns;
import io.moatwatch.schema.Contract;
import io.moatwatch.schema.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions that need every post at once, as Spark SQL over {@link Columns#READ} rows:
 * <ol>
 *   <li>threads: every post gets its {@code depth} below its thread root, and a post whose export gives only
 *       a parent (Hacker News items, Discord, Mastodon) gets a {@code thread_id}: the first ancestor's known
 *       thread, or the topmost ancestor present (or named) in the input;
 *   <li>duplicates: of the records sharing a post id, the newest version (where the export versions its items)
 *       is kept, else the first by file name then position in the file; the others become {@code duplicate};
 *   <li>topics: a post's own topics, or, if it has none and inheritance is on, those of its nearest ancestor
 *       in the input that has topics, else its thread root's, else those of the thread title the export gives
 *       on the post (flagged {@code topics_inherited}, source {@code inherited} in {@code topic_sources});
 *   <li>off-topic: posts left with no topic become {@code off_topic} when skipping is on.
 * </ol>
 * The result has the {@link Columns#THREADED} schema.
 */
public final class Threads {
  private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
  /** Parent links followed at most; deeper chains keep the deepest ancestor reached (and say so in the log). */
  public static final int MAX_DEPTH = 200;
  /**
   * Up to this many records of posts (copies included), the parent links are walked and the copies told apart
   * in one task ({@link ParentWalk}, {@link Copies}: their ids, parents, threads, topics and places, about 250
   * bytes a record, in one executor's memory); beyond, in Spark, one join per level and a window over the rows.
   */
  public static final long LOCAL_WALK_LIMIT = 1_000_000;
  /**
   * The result of the walk in one task: a post, its root, depth and nearest ancestor's topics, and the file and
   * position of the copy of it that is the post (the others are duplicates).
   */
  private static final StructType WALKED = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("root", DataTypes.StringType, true)
      .add("depth", DataTypes.IntegerType, false)
      .add("anc", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("w_file", DataTypes.StringType, false)
      .add("w_seq", DataTypes.LongType, false);
  private static final DataType TOPIC_LIST =
      DataTypes.createArrayType(DataTypes.StringType, false);

  /** Thread roots, duplicates and topic inheritance. */
  public static final Contract STAGE = new Contract("threads",
      List.of(Columns.STATUS, Columns.REASON, Columns.POST_ID, Columns.THREAD_ID, Columns.PARENT_ID,
          Columns.TOPICS_DIRECT, Columns.TOPIC_SOURCES, Columns.TOPICS_THREAD_TITLE, Columns.FILE, Columns.SEQ,
          Columns.VERSION),
      List.of(Columns.DEPTH, Columns.TOPICS, Columns.TOPICS_INHERITED));

  /**
   * The topics of a post's nearest ancestor (in the input) that has topics of its own, found on the walk up the
   * parent links; internal to this stage.
   */
  static final String ANCESTOR_TOPICS = "_ancestor_topics";
  /** True on a record that is a duplicate copy of a post, when the walk in one task decided it; internal. */
  private static final String DUPLICATE_COPY = "_duplicate_copy";

  private Threads() {}

  /** A topic list, or null when it is empty (or null), so that {@code coalesce} moves on to the next source. */
  private static Column nonEmpty(Column topics) {
    return when(size(topics).gt(0), topics);
  }

  /**
   * Fills {@code thread_id} and {@code depth}. A post with no parent is its own thread at depth 0. For every
   * post with a parent, the parent links are walked over the posts of this run, one level per step: its depth
   * is the number of links up to the topmost ancestor (a post without parent, or an id not in the input), and
   * if the export gave no thread, that ancestor's thread (or the ancestor itself) becomes its thread. On the
   * way up, the first ancestor with topics of its own gives {@link #ANCESTOR_TOPICS} (null when none has).
   */
  public static Dataset<Row> reconstructRoots(Dataset<Row> input) {
    return reconstructRoots(input, LOCAL_WALK_LIMIT);
  }

  /** {@link #reconstructRoots(Dataset)}, walking in one task when there are at most {@code localWalkLimit} posts. */
  static Dataset<Row> reconstructRoots(Dataset<Row> input, long localWalkLimit) {
    Rooted rooted = rooted(input, localWalkLimit);
    return rooted.few() ? rooted.rows().drop(DUPLICATE_COPY) : rooted.rows();
  }

  /**
   * Rows with their roots, and whether the posts were few enough to walk in one task: then the rows also say
   * which records are duplicate copies ({@link #DUPLICATE_COPY}), and the tables joined to the rows (the walk's
   * result, the thread roots) have at most {@link #LOCAL_WALK_LIMIT} rows and are broadcast, so the rows, text
   * and all, are not shuffled, neither for the roots nor for the duplicates.
   */
  private record Rooted(Dataset<Row> rows, boolean few) {}

  private static Rooted rooted(Dataset<Row> input, long localWalkLimit) {
    Column isPost = col(Columns.POST_ID).isNotNull();
    // A post with neither parent nor thread starts a thread of its own.
    Dataset<Row> rows = input.withColumn(Columns.THREAD_ID, coalesce(col(Columns.THREAD_ID),
        when(isPost.and(col(Columns.PARENT_ID).isNull()), col(Columns.POST_ID))));
    Column ownTopics = nonEmpty(col(Columns.TOPICS_DIRECT));
    // every record of a post: the walk in one task also picks the copy that is the post
    Dataset<Row> copies = rows.filter(isPost)
        .select(col(Columns.POST_ID).as("n_id"), col(Columns.PARENT_ID).as("n_parent"),
            col(Columns.THREAD_ID).as("n_thread"), ownTopics.as("n_topics"),
            unix_micros(col(Columns.VERSION)).as("n_version"), col(Columns.FILE).as("n_file"),
            col(Columns.SEQ).as("n_seq"));
    Row counts = copies.agg(count(lit(1)), count(col("n_parent"))).first();
    String[] columns = rows.columns();
    if (counts.getLong(0) <= localWalkLimit) {
      return new Rooted(withWalk(rows, broadcast(walkInOneTask(copies)), isPost)
          .withColumn(DUPLICATE_COPY, isPost.and(not(col(Columns.FILE).equalTo(col("w_file"))
              .and(col(Columns.SEQ).equalTo(col("w_seq"))))))
          .select(columnsAnd(columns, Columns.DEPTH, ANCESTOR_TOPICS, DUPLICATE_COPY)), true);
    }
    Column[] out = columnsAnd(columns, Columns.DEPTH, ANCESTOR_TOPICS);
    if (counts.getLong(1) == 0) {
      return new Rooted(rows.withColumn(Columns.DEPTH, when(isPost, lit(0)))
          .withColumn(ANCESTOR_TOPICS, lit(null).cast(TOPIC_LIST)).select(out), false);
    }
    Dataset<Row> nodes = copies.select("n_id", "n_parent", "n_thread", "n_topics")
        .dropDuplicates("n_id")
        .localCheckpoint();
    Dataset<Row> walked = walkInSpark(nodes, nodes.filter(col("n_parent").isNotNull())
        .select(col("n_id").as("id"), col("n_parent").as("ptr"), lit(1).as("d"),
            lit(null).cast("string").as("t"), lit(null).cast(TOPIC_LIST).as("tp")));
    return new Rooted(withWalk(rows, walked, isPost).select(out), false);
  }

  /**
   * The rows with what a walk found ({@code id}, {@code root}, {@code depth}, {@code anc}, by post id): the
   * root as thread where the export gave none, the depth, the nearest ancestor's topics.
   */
  private static Dataset<Row> withWalk(Dataset<Row> rows, Dataset<Row> walked, Column isPost) {
    return rows.join(walked, rows.col(Columns.POST_ID).equalTo(walked.col("id")), "left")
        .withColumn(Columns.THREAD_ID, coalesce(col(Columns.THREAD_ID), col("root")))
        .withColumn(Columns.DEPTH, when(isPost, coalesce(col("depth"), lit(0))))
        .withColumn(ANCESTOR_TOPICS, col("anc"));
  }

  /** {@code columns}, then {@code added}, as columns to select. */
  private static Column[] columnsAnd(String[] columns, String... added) {
    return Stream.concat(Arrays.stream(columns), Arrays.stream(added))
        .map(c -> col(c)).toArray(Column[]::new);
  }

  /** The walk as Spark SQL: one join of the posts still walking with all posts per level. */
  private static Dataset<Row> walkInSpark(Dataset<Row> nodes, Dataset<Row> open) {
    Dataset<Row> done = null;
    int steps = 0;
    while (steps++ < MAX_DEPTH) {
      Dataset<Row> step = open.join(nodes, open.col("ptr").equalTo(nodes.col("n_id")), "left").localCheckpoint();
      // The first thread met on the way up is the thread; the walk goes on to the top for the depth.
      Column thread = coalesce(col("t"), col("n_thread"));
      // The nearest ancestor with topics: the first met on the way up.
      Column topics = coalesce(col("tp"), col("n_topics"));
      Column top = col("n_id").isNull().or(col("n_parent").isNull());
      Dataset<Row> settled = step.filter(top)
          .select(col("id"), coalesce(thread, col("ptr")).as("root"), col("d").as("depth"), topics.as("anc"));
      done = done == null ? settled : done.union(settled);
      open = step.filter(not(top))
          .select(col("id"), col("n_parent").as("ptr"), col("d").plus(1).as("d"), thread.as("t"), topics.as("tp"))
          .localCheckpoint();
      if (open.isEmpty()) {
        break;
      }
    }
    if (!open.isEmpty()) {
      LOG.warn("Threads: {} posts have parent chains deeper than {}; their depth is capped there",
          open.count(), MAX_DEPTH);
      done = done.union(open.select(col("id"), coalesce(col("t"), col("ptr")).as("root"), col("d").as("depth"),
          col("tp").as("anc")));
    }
    LOG.info("Threads: parent links walked in {} steps", steps);
    return done.localCheckpoint();
  }

  /**
   * The same walk in one task ({@link ParentWalk}), for inputs of at most {@link #LOCAL_WALK_LIMIT} posts,
   * which also picks the copy of each post that is the post ({@link Copies}): each level of the walk in Spark
   * SQL is a join and two checkpoints, about 0.7 s on two cores whatever the number of posts, so ten levels over
   * a few hundred thousand posts took longer than gathering their ids in one place (and collecting them to the
   * driver, then making a table of the result there, took longer still); and ranking the copies with a window
   * shuffled every row, text and all.
   */
  private static Dataset<Row> walkInOneTask(Dataset<Row> copies) {
    // kept, as the walk in Spark SQL keeps its result: the joins below would run the walk again
    return copies.coalesce(1).mapPartitions(new WalkPartition(), Encoders.row(WALKED)).localCheckpoint();
  }

  /** The walk over every post of its (single) partition, one row per post id. */
  private static final class WalkPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Copies<ParentWalk.Node> copies = new Copies<>(1024);
      while (rows.hasNext()) {
        Row r = rows.next();
        scala.collection.Seq<String> topics = r.getAs("n_topics");
        String id = r.getAs("n_id");
        copies.offer(new Copies.Copy(id, r.getAs("n_version"), r.getAs("n_file"), r.<Long>getAs("n_seq")),
            new ParentWalk.Node(id, r.getAs("n_parent"), r.getAs("n_thread"),
                topics == null ? null : scala.jdk.javaapi.CollectionConverters.asJava(topics)));
      }
      List<ParentWalk.Node> posts = new ArrayList<>(copies.winners().size());
      copies.winners().forEach(w -> posts.add(w.kept()));
      Map<String, ParentWalk.Walked> walks = new HashMap<>();
      int deepest = 0;
      for (ParentWalk.Walked w : ParentWalk.walk(posts, MAX_DEPTH)) {
        walks.put(w.id(), w);
        deepest = Math.max(deepest, w.depth());
      }
      List<Row> out = new ArrayList<>(posts.size());
      for (Copies.Winner<ParentWalk.Node> post : copies.winners()) {
        ParentWalk.Walked w = walks.get(post.copy().id());
        out.add(RowFactory.create(post.copy().id(), w == null ? null : w.root(), w == null ? 0 : w.depth(),
            w == null || w.ancestorTopics() == null ? null : Columns.seq(w.ancestorTopics()),
            post.copy().file(), post.copy().seq()));
      }
      if (deepest > MAX_DEPTH) {
        LOG.warn("Threads: some posts have parent chains deeper than {}; their depth is capped there", MAX_DEPTH);
      }
      LOG.info("Threads: parent links of {} posts walked in one task, {} levels at most", walks.size(), deepest);
      return out.iterator();
    }
  }

  /**
   * Duplicates, thread roots and depths, and each post's topics: its own, or (with
   * {@link Preparation#inheritsTopics()}) its thread's; posts left without one become {@code off_topic} when
   * {@link Preparation#skipsOffTopic()}.
   */
  public static Dataset<Row> resolve(Dataset<Row> read, Preparation settings) {
    return resolve(read, settings, LOCAL_WALK_LIMIT);
  }

  /** {@link #resolve(Dataset, Preparation)} with the limit of {@link #reconstructRoots(Dataset, long)}. */
  static Dataset<Row> resolve(Dataset<Row> read, Preparation settings, long localWalkLimit) {
    Column isPost = col(Columns.POST_ID).isNotNull();
    // Of several copies of a post, the newest version wins (Perceval's updated_on), then the first by file name
    // and position in the file (Copies.PRECEDENCE, which the walk in one task applies itself).
    Column rank = row_number().over(Window.partitionBy(Columns.POST_ID)
        .orderBy(col(Columns.VERSION).desc_nulls_last(), col(Columns.FILE), col(Columns.SEQ)));
    Rooted rooted = rooted(read, localWalkLimit);
    Column duplicate = rooted.few() ? col(DUPLICATE_COPY) : when(isPost, rank).gt(1);
    Dataset<Row> deduped = rooted.rows()
        .withColumn("_duplicate", duplicate)
        .withColumn(Columns.STATUS, when(col("_duplicate"), lit(Status.DUPLICATE.label()))
            .otherwise(col(Columns.STATUS)))
        .drop("_duplicate", DUPLICATE_COPY);

    Column emptyTopics = array().cast(DataTypes.createArrayType(DataTypes.StringType, false));
    Column direct = coalesce(col(Columns.TOPICS_DIRECT), emptyTopics);
    Dataset<Row> withTopics;
    if (settings.inheritsTopics()) {
      Dataset<Row> roots = deduped
          .filter(col(Columns.POST_ID).equalTo(col(Columns.THREAD_ID))
              .and(col(Columns.STATUS).notEqual(Status.DUPLICATE.label())))
          .select(col(Columns.THREAD_ID).as("_root_thread"), col(Columns.TOPICS_DIRECT).as("_root_topics"));
      if (rooted.few()) {
        roots = broadcast(roots); // one per thread root, so no more than the posts walked
      }
      // Nearest ancestor with topics, then the root (which a parent-less reply's walk never met), then the
      // thread title the export gave on the post.
      Column context = coalesce(col(ANCESTOR_TOPICS), nonEmpty(col("_root_topics")),
          nonEmpty(col(Columns.TOPICS_THREAD_TITLE)), emptyTopics);
      Column inherits = size(direct).equalTo(0).and(size(context).gt(0));
      withTopics = deduped
          .join(roots, deduped.col(Columns.THREAD_ID).equalTo(roots.col("_root_thread")), "left")
          .withColumn(Columns.TOPICS, when(inherits, context).otherwise(direct))
          .withColumn(Columns.TOPICS_INHERITED, inherits)
          .withColumn(Columns.TOPIC_SOURCES, when(inherits,
              map_from_arrays(context, transform(context, t -> array(lit(TopicSources.INHERITED)))))
              .otherwise(col(Columns.TOPIC_SOURCES)));
    } else {
      withTopics = deduped
          .withColumn(Columns.TOPICS, direct)
          .withColumn(Columns.TOPICS_INHERITED, lit(false));
    }
    withTopics = withTopics.withColumn(Columns.TOPICS_INHERITED,
        when(isPost, col(Columns.TOPICS_INHERITED)));
    withTopics = withTopics.withColumn(Columns.TOPICS, when(isPost, col(Columns.TOPICS)));

    if (settings.skipsOffTopic()) {
      Column stillOpen = col(Columns.STATUS).isin(Arrays.stream(Status.values())
          .filter(s -> s.writtenToPosts() && s.outcome() != Status.Outcome.REJECTED)
          .map(Status::label).toArray());
      Column offTopic = isPost.and(stillOpen).and(size(col(Columns.TOPICS)).equalTo(0));
      withTopics = withTopics
          // the reason of the status it replaces (a language, say) would be misread as the off-topic reason
          .withColumn(Columns.REASON, when(offTopic, lit(null).cast("string")).otherwise(col(Columns.REASON)))
          .withColumn(Columns.STATUS, when(offTopic, lit(Status.OFF_TOPIC.label())).otherwise(col(Columns.STATUS)));
    }
    return withTopics.select(Columns.cols(List.of(Columns.THREADED.fieldNames())));
  }
}
