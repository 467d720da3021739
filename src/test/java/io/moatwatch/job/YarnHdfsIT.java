package io.moatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.testing.AppJars;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.LocalSpark;
import io.moatwatch.testing.Processes;
import io.moatwatch.testing.QuickJvms;
import io.moatwatch.testing.SharedRun;
import io.moatwatch.testing.TableText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * YARN and HDFS for real, on this machine: Hadoop's mini-cluster ({@code jobs/hadoop-minicluster.sh}: a NameNode,
 * a DataNode, a ResourceManager and a NodeManager from {@code hadoop-client-minicluster} at the Hadoop version
 * Spark 4.1.3 is built with) in its own JVM; the sample data put on {@code hdfs://}; the application jar submitted
 * with {@code spark-submit --master yarn} ({@code jobs/spark-submit-yarn}: Spark 4.2.0, as Maven Central has no
 * spark-yarn for 4.1; client deploy mode; Spark's own jars already on the node, as
 * {@code spark.yarn.jars=local:...}; the CoreNLP models with {@code --jars}, which YARN ships through the
 * application's staging directory on HDFS); the output written to {@code hdfs://}. The executors run in YARN
 * containers and load the pipeline there, and the output equals the {@code local[2]} run of the same input in
 * this JVM (Spark 4.1.3; {@link SharedRun#sampleData}).
 */
@Order(Cost.CLUSTER)
class YarnHdfsIT {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();
  @RegisterExtension
  static final SharedRun SAMPLE = SharedRun.sampleData();
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Pattern READY = Pattern.compile("READY (hdfs://\\S+) (\\S+)");
  private static final String SAMPLE_COUNTS = "read 74 = analysed 56 + skipped 16 + rejected 2";

  @TempDir
  static Path work;
  private static Process cluster;
  private static String hdfs;

  @BeforeAll
  static void startCluster() throws Exception {
    // The build assembles both runtimes before the integration tests; this only checks them (or assembles them
    // when the test runs from an IDE).
    assertThat(Processes.command(List.of(ROOT.resolve("jobs/lib/runtimes.sh").toString(), "yarn", "minicluster"))
        .log(work.resolve("runtimes")).timeout(Duration.ofMinutes(10)).run().exit()).isZero();
    Path log = work.resolve("minicluster.log");
    cluster = Processes.command(List.of(ROOT.resolve("jobs/hadoop-minicluster.sh").toString(),
        work.resolve("cluster").toString(), "1", "--until-stdin-closes")).log(log).start();
    hdfs = waitForReady(log);
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), new Configuration())) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(ROOT.resolve("data").toUri()),
          new org.apache.hadoop.fs.Path(hdfs + "/input/data"));
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.getOutputStream().close(); // the mini-cluster stops both clusters when its input closes
      if (!cluster.waitFor(60, TimeUnit.SECONDS)) {
        cluster.descendants().forEach(ProcessHandle::destroyForcibly);
        cluster.destroyForcibly();
      }
    }
  }

  @Test
  void jobSubmittedToYarnReadsAndWritesHdfsAndEqualsALocalRun() throws Exception {
    String sparkJars = "local:" + ROOT.resolve("jobs/spark-runtime/target/spark-home-yarn/jars") + "/*";
    String output = hdfs + "/results/yarn";
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("jobs/spark-submit-yarn").toString(),
        "--master", "yarn", "--deploy-mode", "client",
        "--driver-memory", "2g", "--executor-memory", "5g", "--num-executors", "1", "--executor-cores", "2",
        "--conf", "spark.yarn.am.memory=512m", "--conf", "spark.yarn.jars=" + sparkJars,
        "--conf", "spark.ui.enabled=false"));
    cmd.addAll(QuickJvms.sparkSubmitConfs());
    cmd.addAll(List.of("--jars", AppJars.MODELS.toString(), "--class", "io.moatwatch.cli.Main", AppJars.APP.toString(),
        "--input", hdfs + "/input/data", "--output", output, "--run-id", "yarn"));
    Processes.Result submit = Processes.command(cmd)
        .env(Map.of("HADOOP_CONF_DIR", work.resolve("cluster/conf").toString()))
        .log(work.resolve("submit")).separateErrors().timeout(Duration.ofMinutes(10)).run();
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.out()).contains("moatwatch run yarn: " + SAMPLE_COUNTS);
    assertThat(submit.err()).contains("master yarn");

    // The posts were analysed in a YARN container (the NodeManager keeps each container's log under the
    // application's directory): an executor's log there shows the pipeline loaded, once.
    List<Path> containerLogs;
    try (Stream<Path> files = Files.walk(work.resolve("cluster"))) {
      containerLogs = files.filter(p -> p.getFileName().toString().equals("stderr"))
          .filter(p -> p.getParent().getFileName().toString().startsWith("container_")).toList();
    }
    long loads = 0;
    for (Path l : containerLogs) {
      long n = Files.readAllLines(l).stream().filter(s -> s.contains("Loading CoreNLP pipeline")).count();
      assertThat(n).as(l.toString()).isLessThanOrEqualTo(1);
      loads += n;
    }
    assertThat(loads).as("container logs " + containerLogs).isPositive();

    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), new Configuration())) {
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(output + "/_runs/yarn.json"))).isTrue();
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(output + "/_staging"))).isFalse();
    }
    assertThat(TableText.ofRun(SPARK.session(), output))
        .isEqualTo(TableText.ofRun(SPARK.session(), SAMPLE.output().toString()));
  }

  /** The mini-cluster's HDFS URI, once it has printed READY. */
  private static String waitForReady(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline && cluster.isAlive()) {
      if (Files.exists(log)) {
        Matcher m = READY.matcher(Files.readString(log));
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the mini-cluster never became ready:\n" + readQuietly(log));
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
