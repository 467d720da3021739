package io.moatwatch.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code jobs/evaluate-threads.sh}, first step: one split of the GPU-thread corpus as moatwatch's own JSON lines
 * ({@code --format jsonl}), so the job itself can be run on it and its {@code posts} table (post labels and
 * {@code topic_sentiment}) compared with the gold labels. Each post keeps its corpus id, its thread (so replies
 * inherit their thread's topics as in any run) and the markup {@link Datasets#markup} gives it, as
 * {@code jobs/evaluate.sh} reads it. The texts are third-party: the file goes under {@code out/}, never into the
 * repository.
 *
 * <pre>java ... io.moatwatch.evaluate.ThreadsExport DATASETS_DIR SPLIT OUT.jsonl</pre>
 */
public final class ThreadsExport {
  private ThreadsExport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ThreadsExport DATASETS_DIR train|valid|test OUT.jsonl");
      System.exit(2);
    }
    Path out = Path.of(args[2]);
    int n = write(new Datasets(Path.of(args[0])).gpuThreadRecords(args[1]), out);
    System.out.println("evaluate: wrote " + n + " posts of gpu-threads/" + args[1] + " to " + out);
  }

  /** Writes the records as JSON lines; returns how many. */
  static int write(List<Datasets.ThreadPost> posts, Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Datasets.ThreadPost p : posts) {
        ObjectNode o = json.createObjectNode();
        o.put("id", p.item().id());
        o.put("source", "gpu-threads");
        o.put("community", p.item().about().platform());
        o.put("thread_id", p.item().about().thread());
        // The corpus has no time for most posts: one day for all, so every post is in one window.
        o.put("created_at", "2026-12-01T00:00:00Z");
        o.put("text", p.item().text());
        o.put("markup", p.item().about().markup().name().toLowerCase(Locale.ROOT));
        if (p.url() != null) {
          o.put("url", p.url());
        }
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    }
    return posts.size();
  }
}
