package io.moatwatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moatwatch.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole job run made once for the whole test JVM and shared by every class that registers it: the sample data
 * in data/ ({@link #sampleData}) or the real exports in ../shared/samples ({@link #sharedSamples}), run in this
 * JVM on {@code local[2]} the way spark-submit runs the job, before the first class that registers it. Its output is
 * read-only: a test that runs the job again on it works on a {@link #copyTo copy}; a test that needs the same
 * analyses without paying for them again starts from its {@link #seedCache annotation cache} (the cache gives
 * exactly what the analysis gave: {@code SampleRunIT} checks that). The output directory is deleted when the
 * test JVM's last class has run.
 *
 * <pre>{@code
 * @RegisterExtension static final SharedRun SAMPLE = SharedRun.sampleData();
 * ... SAMPLE.output(), SAMPLE.manifest(), SAMPLE.seedCache(myOutput)
 * }</pre>
 */
public final class SharedRun implements BeforeAllCallback {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  /** The run id of every shared run. */
  public static final String RUN_ID = "shared";

  private final String name;
  private final Path requires;
  private final List<String> args;
  private ExtensionContext.Store store;

  private SharedRun(String name, Path requires, List<String> args) {
    this.name = name;
    this.requires = requires;
    this.args = args;
  }

  /** {@code --input data}: the bundled sample exports, with every default. */
  public static SharedRun sampleData() {
    return new SharedRun("sample data", null, List.of("--input", ROOT.resolve("data").toString()));
  }

  /**
   * {@code --input ../shared/samples --topics src/test/resources/conformance/samples.topics}: the real exports
   * of every platform, with topics that make their text reach the NLP stage; classes using it are skipped where
   * ../shared is not beside the checkout.
   */
  public static SharedRun sharedSamples() {
    Path samples = ROOT.resolve("../shared/samples").normalize();
    return new SharedRun("shared samples", samples, List.of("--input", samples.toString(), "--topics",
        ROOT.resolve("src/test/resources/conformance/samples.topics").toString()));
  }

  /**
   * Makes the run, if no class did, before the class's tests (so that no test's own Spark session is stopped by
   * the job in the middle of it); a run of exports that are not beside the checkout is not made.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    if (requires == null || Files.isDirectory(requires)) {
      output();
    }
  }

  /**
   * The run's output directory (read-only); a test asking for a run of exports that are not beside the checkout
   * is skipped.
   */
  public Path output() {
    if (store == null) {
      throw new IllegalStateException("register the shared run with @RegisterExtension on a static field");
    }
    if (requires != null) {
      assumeTrue(Files.isDirectory(requires), requires + " is not beside this checkout");
    }
    return store.getOrComputeIfAbsent(SharedRun.class.getName() + "/" + name, key -> run(), Output.class)
        .directory();
  }

  /** The arguments the run was made with (the input and topics), without output and run id. */
  public List<String> args() {
    return args;
  }

  /** The run's manifest. */
  public JsonNode manifest() {
    try {
      return new ObjectMapper().readTree(output().resolve("_runs/" + RUN_ID + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the whole output (tables, manifest, cache) to {@code target}, for a test that runs the job on it. */
  public Path copyTo(Path target) throws IOException {
    copyTree(output(), target);
    return target;
  }

  /** Copies only the annotation cache into {@code target} (an output directory to be): the analyses, no tables. */
  public Path seedCache(Path target) throws IOException {
    copyTree(output().resolve("_cache"), target.resolve("_cache"));
    return target;
  }

  /** Copies the directory tree {@code from} to {@code to}. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes the directory tree {@code dir}. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private Output run() {
    try {
      Path dir = Files.createTempDirectory("moatwatch-shared-run-");
      List<String> all = new ArrayList<>(args);
      all.addAll(List.of("--output", dir.resolve("out").toString(), "--run-id", RUN_ID));
      String master = System.getProperty("spark.master");
      String ui = System.getProperty("spark.ui.enabled");
      System.setProperty("spark.master", "local[2]");
      System.setProperty("spark.ui.enabled", "false");
      try {
        int exit = Main.execute(all.toArray(String[]::new));
        if (exit != 0) {
          throw new AssertionError("the shared run of the " + name + " exited with " + exit + ": " + all);
        }
      } finally {
        restore("spark.master", master);
        restore("spark.ui.enabled", ui);
      }
      return new Output(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** The run's directory, deleted when the test JVM's root context closes (JUnit closes what its store holds). */
  private record Output(Path root) implements AutoCloseable {
    Path directory() {
      return root.resolve("out");
    }

    @Override
    public void close() throws IOException {
      deleteTree(root);
    }
  }
}
