package io.moatwatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test helper: a real Spark standalone cluster on 127.0.0.1, a Master and {@code n} Workers started from the
 * Spark jars ({@code jobs/spark-class}), each its own JVM, each Worker with its own work directory (where its
 * executors' logs go).
 */
public final class StandaloneCluster implements AutoCloseable {
  /** The Master's and Workers' JVMs: {@link QuickJvms}. */
  private static final Map<String, String> DAEMON_OPTS = Map.of("SPARK_DAEMON_JAVA_OPTS", QuickJvms.FLAGS);
  private final Path work;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final int port;

  private StandaloneCluster(Path work, Process master, int port) {
    this.work = work;
    this.master = master;
    this.port = port;
  }

  /** Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} each; waits for them. */
  public static StandaloneCluster start(Path root, Path work, int workers, int cores, String memory) throws Exception {
    // The build assembles the runtime before the integration tests; this only checks it (or assembles it when
    // the test runs from an IDE).
    assertZero(Processes.command(List.of(root.resolve("jobs/lib/runtimes.sh").toString(), "spark"))
        .log(work.resolve("runtime")).run().exit());
    int port = freePort();
    int ui = freePort();
    Process master = Processes.command(List.of(root.resolve("jobs/spark-class").toString(),
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--webui-port", Integer.toString(ui))).env(DAEMON_OPTS).log(work.resolve("master.log")).start();
    StandaloneCluster c = new StandaloneCluster(work, master, port);
    for (int i = 0; i < workers; i++) {
      c.workers.add(Processes.command(List.of(root.resolve("jobs/spark-class").toString(),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", Integer.toString(cores),
          "--memory", memory, "--webui-port", Integer.toString(freePort()),
          "--work-dir", c.workDir(i).toString(), c.url())).env(DAEMON_OPTS).log(work.resolve("worker-" + i + ".log"))
          .start());
    }
    c.waitForWorkers(ui, workers);
    return c;
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Worker {@code i}'s work directory. */
  public Path workDir(int i) {
    return work.resolve(i == 0 ? "worker" : "worker-" + i);
  }

  /** Worker {@code i}'s process. */
  public Process worker(int i) {
    return workers.get(i);
  }

  /** The executor logs (stderr) under worker {@code i}'s work directory so far. */
  public Set<Path> executorLogs(int i) throws IOException {
    if (!Files.exists(workDir(i))) {
      return new HashSet<>();
    }
    try (Stream<Path> files = Files.walk(workDir(i))) {
      return files.filter(p -> p.getFileName().toString().equals("stderr"))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }

  /** The executor logs under every worker's work directory so far. */
  public Set<Path> executorLogs() throws IOException {
    Set<Path> all = new HashSet<>();
    for (int i = 0; i < workers.size(); i++) {
      all.addAll(executorLogs(i));
    }
    return all;
  }

  /**
   * The executor process whose log is {@code log} (a worker keeps it as {@code <app-id>/<executor-id>/stderr}),
   * found among the workers' child processes by its application and executor id.
   */
  public ProcessHandle executorOf(Path log) {
    String executorId = log.getParent().getFileName().toString();
    String appId = log.getParent().getParent().getFileName().toString();
    return workers.stream().flatMap(Process::descendants)
        .filter(p -> {
          String cmd = p.info().commandLine().orElse("");
          return cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(appId)
              && cmd.matches(".*--executor-id " + executorId + "( .*|$)");
        })
        .findFirst().orElseThrow(() -> new AssertionError("no executor process of " + log + " under the workers"));
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void assertZero(int exit) {
    if (exit != 0) {
      throw new AssertionError("jobs/lib/runtimes.sh spark exited with " + exit);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void waitForWorkers(int masterUi, int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        if (last.contains("\"state\" : \"ALIVE\"") && last.contains("\"aliveworkers\" : " + n)) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    StringBuilder logs = new StringBuilder("\nmaster log:\n").append(Files.readString(work.resolve("master.log")));
    for (int i = 0; i < n; i++) {
      logs.append("\nworker ").append(i).append(" log:\n").append(Files.readString(work.resolve("worker-" + i + ".log")));
    }
    throw new AssertionError("not " + n + " workers registered with the master in 120 s: " + last + logs);
  }
}
