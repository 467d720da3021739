package io.moatwatch.analyse;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The thread time the NLP stage's partitions spent in CoreNLP's analyses and in the label model's calls, summed
 * over every task of the run (Spark accumulators): what the label model costs beside CoreNLP, read within one run,
 * where two runs' stage times differ by the machine's state (BENCHMARKS.md). Model loading is not counted; a
 * CoreNLP analysis abandoned at its time limit counts only if it ends before its partition; a task Spark runs again
 * counts again.
 */
public record NlpTime(LongAccumulator corenlpNanos, LongAccumulator labelModelNanos) implements Serializable {
  public static NlpTime register(SparkContext spark) {
    return new NlpTime(spark.longAccumulator("moatwatch: CoreNLP thread nanoseconds"),
        spark.longAccumulator("moatwatch: label model thread nanoseconds"));
  }

  public double corenlpSeconds() {
    return corenlpNanos.value() / 1e9;
  }

  public double labelModelSeconds() {
    return labelModelNanos.value() / 1e9;
  }
}
