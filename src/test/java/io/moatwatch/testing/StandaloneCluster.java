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
    // Assemble the local Spark runtime if no earlier test did.
    assertZero(Processes.command(List.of(root.resolve("jobs/spark-submit").toString(), "--version"))
        .log(work.resolve("version")).run().exit());
    int port = freePort();
    int ui = freePort();
    Process master = Processes.command(List.of(root.resolve("jobs/spark-class").toString(),
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--webui-port", Integer.toString(ui))).log(work.resolve("master.log")).start();
    StandaloneCluster c = new StandaloneCluster(work, master, port);
    for (int i = 0; i < workers; i++) {
      c.workers.add(Processes.command(List.of(root.resolve("jobs/spark-class").toString(),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", Integer.toString(cores),
          "--memory", memory, "--webui-port", Integer.toString(freePort()),
          "--work-dir", c.workDir(i).toString(), c.url())).log(work.resolve("worker-" + i + ".log")).start());
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
      throw new AssertionError("jobs/spark-submit --version exited with " + exit);
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
