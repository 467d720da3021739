package io.moatwatch.read;

import io.moatwatch.ingest.ExportReader;
import io.moatwatch.ingest.ReadOutcome;
import io.moatwatch.prefilter.Prefilter;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.PreparedPost;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefilter's first pass, on executors: for one input file, the raw ids ({@link Prefilter#rawId}) of
 * every post that has topics of its own and of its thread, reading only the lines the topics' words pass.
 * The second pass (the read stage) then also parses the lines that hold one of these ids: the replies of an
 * on-topic thread, which name no topic but inherit one, and copies of on-topic posts. It is given only the
 * files the prefilter applies to; one whose format turns out not to be prefiltered gives nothing.
 */
public final class ThreadSeeds implements FlatMapFunction<String, String> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ThreadSeeds.class);

  private final String format;
  private final PostPreparer preparer;
  private final Prefilter prefilter;
  private final Broadcast<SerializableConfiguration> hadoopConf;

  public ThreadSeeds(String format, PostPreparer preparer, Prefilter prefilter,
      Broadcast<SerializableConfiguration> hadoopConf) {
    this.format = format;
    this.preparer = preparer;
    this.prefilter = prefilter;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Iterator<String> call(String name) throws IOException {
    Path path = new Path(name);
    FileSystem fs = path.getFileSystem(hadoopConf.value().value());
    List<String> ids = new ArrayList<>();
    long parsed = 0;
    try (InputStream in = fs.open(path); var outcomes = new ExportReader(format).read(in, name)) {
      outcomes.prefilter(prefilter.topics()::mayMatch, Prefilter.FORMATS);
      while (outcomes.hasNext()) {
        ReadOutcome o = outcomes.next();
        if (!Prefilter.FORMATS.contains(outcomes.format()) && !"unknown".equals(outcomes.format())) {
          return Collections.emptyIterator(); // a format the prefilter never applies to: read whole later
        }
        if (o instanceof ReadOutcome.Parsed p) {
          parsed++;
          PreparedPost pp = preparer.prepare(p.post());
          if (!pp.directTopics().isEmpty()) {
            ids.add(Prefilter.rawId(p.post().postId()));
            if (p.post().threadId() != null) {
              ids.add(Prefilter.rawId(p.post().threadId()));
            }
          }
        }
      }
      LOG.info("Prefilter, first pass over {}: {} lines skipped, {} parsed, {} ids of on-topic posts and threads",
          name, outcomes.prefiltered(), parsed, ids.size());
    } catch (RuntimeException e) {
      // the second pass reads the file again and reports what is wrong with it; here it only gives no ids
      LOG.warn("Prefilter, first pass over {} stopped: {}", name, e.toString());
    }
    return ids.iterator();
  }
}
