package io.moatwatch.bench;

import io.moatwatch.config.Preparation;
import io.moatwatch.config.Window;
import io.moatwatch.prepare.PostPreparer;
import io.moatwatch.prepare.topics.TopicSet;
import io.moatwatch.prepare.topics.TopicsFile;
import io.moatwatch.read.format.ExportReader;
import io.moatwatch.read.format.ReadOutcome;
import io.moatwatch.read.prefilter.LineTest;
import io.moatwatch.read.prefilter.Needles;
import io.moatwatch.read.prefilter.Prefilter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The prefilter's first pass on one dump outside Spark (BENCHMARKS.md, "Month-scale dumps"): the stream the
 * job's first pass reads ({@link ExportReader#forPrefilter}: decompression a block ahead, the topics' words
 * tested on every line's raw bytes on all cores), in two modes, each run ROUNDS times after one warm-up:
 * <ul>
 *   <li>{@code words}: the words' test alone, every line then refused (decompression, line ends and the
 *       automaton: the cost of a byte);
 *   <li>{@code first}: the lines that hold the words parsed and matched ({@link PostPreparer#directTopics}),
 *       the others skipped, as {@code read.ThreadSeeds} does (without collecting the ids it finds).
 * </ul>
 * Prints seconds, nanoseconds a byte of JSON and the lines parsed. The builtin topics, the whole time window.
 *
 * <p>Usage: {@code FirstPass DUMP [ROUNDS]}, e.g. {@code java -cp target/classes:$(cat target/runtime.classpath)
 * io.moatwatch.bench.FirstPass out/bench-scale/input/RC_bench-10000000.zst 3}
 */
public final class FirstPass {
  private FirstPass() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: FirstPass DUMP [ROUNDS]  (DUMP: a Reddit comment dump, .zst or JSON lines)");
      System.exit(2);
    }
    Path dump = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    TopicSet topics = TopicsFile.load(TopicsFile.BUILTIN);
    Prefilter prefilter = new Prefilter(Needles.of(topics), Set.of(dump.toString()));
    PostPreparer preparer = new PostPreparer(topics, Preparation.defaults(Window.ALL).withMaxChars(100_000));
    long bytes = 0;
    for (int round = 0; round <= rounds; round++) {
      for (String mode : new String[] {"words", "first"}) {
        long started = System.nanoTime();
        long[] counts = pass(dump, prefilter, preparer, mode.equals("words"));
        double seconds = (System.nanoTime() - started) / 1e9;
        bytes = counts[2];
        System.out.printf(Locale.ROOT, "%s %-5s %6.1f s  %.2f ns/B  %,d lines parsed, %,d on topic%n",
            round == 0 ? "warm-up" : "round " + round, mode, seconds, seconds * 1e9 / bytes, counts[0], counts[1]);
      }
    }
    System.out.printf(Locale.ROOT, "%s: %.2f GB of JSON, %d cores%n", dump, bytes / 1e9,
        Runtime.getRuntime().availableProcessors());
  }

  /** {lines parsed, records on topic, bytes of JSON read}. */
  private static long[] pass(Path dump, Prefilter prefilter, PostPreparer preparer, boolean wordsOnly)
      throws Exception {
    long parsed = 0;
    long onTopic = 0;
    LineTest words = prefilter.keep(dump.toString()); // the first pass's test: the topics' words
    LongAdder bytes = new LongAdder(); // lines tested at once
    try (InputStream raw = Files.newInputStream(dump);
        var outcomes = new ExportReader("reddit").forPrefilter().read(raw, dump.toString())) {
      outcomes.prefilter((b, from, to, line) -> {
        bytes.add(to - from + 1L);
        return words.keep(b, from, to, line) && !wordsOnly;
      }, Prefilter.FORMATS);
      while (outcomes.hasNext()) {
        if (outcomes.next() instanceof ReadOutcome.Parsed p) {
          parsed++;
          onTopic += preparer.directTopics(p.post()).isEmpty() ? 0 : 1;
        }
      }
    }
    return new long[] {parsed, onTopic, bytes.sum()};
  }
}
