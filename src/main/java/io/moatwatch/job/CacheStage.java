package io.moatwatch.job;

import io.moatwatch.cache.AnnotationCache;
import io.moatwatch.schema.Contract;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Looks each pending post up in the annotation cache beside the output ({@link AnnotationCache}). */
final class CacheStage implements Stage {
  @Override
  public String name() {
    return "cache";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(AnnotationCache.STAGE);
  }

  @Override
  public String describe(Run run) {
    return "look " + run.pending + " posts up in the annotation cache";
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> threaded, Run run) throws IOException {
    return AnnotationCache.attach(run.spark, run.writer, threaded, run.setup.corenlpSignature(), run.setup.model(),
        run.cfg().nlp().caches(), run.pending);
  }
}
