package io.moatwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The local Spark runtime must be the Spark the job is compiled and tested against. */
class SparkRuntimeVersionTest {
  private static String sparkVersion(Path pom) throws Exception {
    Matcher m = Pattern.compile("<spark\\.version>([^<]+)</spark\\.version>").matcher(Files.readString(pom));
    assertThat(m.find()).as("spark.version in " + pom).isTrue();
    return m.group(1);
  }

  @Test
  void runtimePomUsesTheProjectsSparkVersion() throws Exception {
    assertThat(sparkVersion(Path.of("jobs/spark-runtime/pom.xml"))).isEqualTo(sparkVersion(Path.of("pom.xml")));
  }
}
