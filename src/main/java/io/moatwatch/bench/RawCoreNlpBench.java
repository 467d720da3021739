package io.moatwatch.bench;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.NlpSettings;
import io.moatwatch.job.JvmMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's baseline (BENCHMARKS.md): plain CoreNLP in a plain JVM, no Spark and no moatwatch code
 * around it, with exactly the job's annotators and properties (the default {@link NlpSettings}, gazetteer
 * included), annotating the same texts on the same number of threads that share one pipeline. Prints one JSON
 * line: texts, sentences, load and annotation seconds, throughput and peak heap.
 *
 * <p>Usage: {@code RawCoreNlpBench TEXTS_JSONL THREADS}
 */
public final class RawCoreNlpBench {
  private RawCoreNlpBench() {}

  public static void main(String[] args) throws Exception {
    List<String> texts = BenchCorpus.readTexts(Path.of(args[0]));
    int threads = Integer.parseInt(args[1]);
    NlpSettings settings = NlpSettings.DEFAULTS;
    long t0 = System.nanoTime();
    StanfordCoreNLP pipeline = new StanfordCoreNLP(CoreNlpAnalyzer.pipelineProperties(settings));
    double load = (System.nanoTime() - t0) / 1e9;
    AtomicLong sentences = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t1 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (String text : texts) {
      futures.add(pool.submit(() -> {
        CoreDocument doc = new CoreDocument(text);
        pipeline.annotate(doc);
        sentences.addAndGet(doc.sentences().size());
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - t1) / 1e9;
    pool.shutdown();
    System.out.println(String.format(Locale.ROOT, "{\"texts\": %d, \"sentences\": %d, \"threads\": %d,"
        + " \"load_s\": %.1f, \"annotate_s\": %.1f, \"posts_per_s\": %.2f, \"sentences_per_s\": %.2f,"
        + " \"peak_heap_mb\": %d}", texts.size(), sentences.get(), threads, load, seconds, texts.size() / seconds,
        sentences.get() / seconds, JvmMemory.peakHeapMb()));
  }
}
