package io.moatwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic Pushshift-style Reddit comment dump ({@code RC_...}, one JSON object per line, the
 * field set of 2023 dumps) to standard output, for {@code jobs/bench-scale.sh} (BENCHMARKS.md). Comments come
 * in threads of 2 to 40 under one submission; a share of the threads is on topic: its first top-level comment
 * names tinygrad, ROCm or CUDA, and its replies (about three in four) name none, so they only reach NLP
 * through thread inheritance. Off-topic text includes near misses ("barracuda", "hip hop", "Team Rocket")
 * that a byte-level prefilter lets through and topic matching rejects, in one comment of 200. Same
 * arguments, same bytes.
 *
 * <p>Usage: {@code PushshiftDump N [ON_TOPIC_SHARE] [SEED]}: N comments, the share of comments that name a
 * topic themselves (default 0.003), seed (default 42).
 */
public final class PushshiftDump {
  private static final String[] SUBREDDITS = {"AskReddit", "pics", "LocalLLaMA", "gaming", "linux", "Amd",
      "nvidia", "MachineLearning", "buildapc", "news", "funny", "programming", "hardware", "science"};
  private static final String[] OPENERS = {"Honestly", "I think", "Not sure, but", "Funny thing is", "Yeah,",
      "Counterpoint:", "In my experience", "To be fair,", "Same here,", "Wait,"};
  private static final String[] CLAUSES = {"the new patch made everything slower", "my cat would disagree",
      "this is the best thread today", "the drivers on my old laptop are fine", "nobody reads the manual",
      "I bought it on sale last week", "the battery life is still terrible", "that game aged really well",
      "the fan noise is unbearable under load", "my landlord still has not fixed the heating",
      "we tried that at work and it went nowhere", "the documentation is surprisingly good",
      "the compile took forty minutes again", "it runs fine once you disable the overlay",
      "prices will come down after the holidays", "this belongs in a museum", "the sequel was a letdown"};
  /** What a byte prefilter lets through and topic matching rejects; in one comment of 200. */
  private static final String[] NEAR_MISSES = {"a barracuda is faster than you think",
      "hip hop was better in the nineties", "my hip still hurts from the hike", "cudahy is a real town"};
  private static final String[] TOPICAL = {"ROCm 7.1 finally detects my card", "CUDA 12.8 broke my build",
      "tinygrad runs this model surprisingly fast", "I gave up on ROCm after a weekend of errors",
      "CUDA is still the reason I buy NVIDIA", "geohot streamed tinygrad on AMD again",
      "the ROCm docs are better than last year", "porting my CUDA kernels was less work than expected"};

  private PushshiftDump() {}

  public static void main(String[] args) throws IOException {
    long n = Long.parseLong(args[0]);
    double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.003;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    write(n, share, seed, System.out);
  }

  /** Writes the dump; see the class comment. */
  /** {@link #write} into {@code file} (uncompressed JSON lines), creating its folder; returns {@code file}. */
  public static Path write(long n, double share, long seed, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (OutputStream o = Files.newOutputStream(file)) {
      write(n, share, seed, o);
    }
    return file;
  }

  public static void write(long n, double share, long seed, OutputStream sink) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    // one thread in k is on topic; its opener names a topic, a quarter of its replies do too
    double meanThread = 21;
    double topicalPerThread = 1 + (meanThread - 1) * 0.25;
    double threadShare = Math.min(1, share * meanThread / topicalPerThread);
    long created = 1_700_000_000L;
    long written = 0;
    long thread = 0;
    JsonFactory factory = new JsonFactory();
    try (OutputStream out = new BufferedOutputStream(sink, 1 << 20);
        JsonGenerator g = factory.createGenerator(out)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      while (written < n) {
        thread++;
        String link = "t3_" + Long.toString(1_000_000 + thread, 36);
        String sub = SUBREDDITS[rnd.nextInt(SUBREDDITS.length)];
        boolean onTopic = rnd.nextDouble() < threadShare;
        int size = 2 + rnd.nextInt(39);
        long first = written;
        for (int i = 0; i < size && written < n; i++) {
          long idNum = 50_000_000L + written;
          String id = Long.toString(idNum, 36);
          // the first comment answers the submission; later ones answer an earlier comment of the thread
          String parent = i == 0 || rnd.nextInt(4) == 0 ? link
              : "t1_" + Long.toString(50_000_000L + first + rnd.nextInt(i), 36);
          boolean names = onTopic && (i == 0 || rnd.nextInt(4) == 0);
          created += rnd.nextInt(3);
          comment(g, rnd, id, link, parent, sub, created, body(rnd, names));
          written++;
        }
      }
      g.writeRaw('\n');
    }
  }

  private static String body(SplittableRandom rnd, boolean names) {
    StringBuilder b = new StringBuilder();
    int sentences = 1 + rnd.nextInt(4);
    int topical = names ? rnd.nextInt(sentences) : -1;
    for (int s = 0; s < sentences; s++) {
      b.append(s == 0 ? "" : " ").append(OPENERS[rnd.nextInt(OPENERS.length)]).append(' ')
          .append(s == topical ? TOPICAL[rnd.nextInt(TOPICAL.length)] : CLAUSES[rnd.nextInt(CLAUSES.length)])
          .append(rnd.nextInt(5) == 0 ? "!" : ".");
    }
    if (rnd.nextInt(200) == 0) {
      b.append(' ').append(OPENERS[rnd.nextInt(OPENERS.length)]).append(' ')
          .append(NEAR_MISSES[rnd.nextInt(NEAR_MISSES.length)]).append('.');
    }
    if (rnd.nextInt(8) == 0) {
      b.append("\n\n&gt; ").append(CLAUSES[rnd.nextInt(CLAUSES.length)]);
    }
    return b.toString();
  }

  private static void comment(JsonGenerator g, SplittableRandom rnd, String id, String link, String parent,
      String sub, long created, String body) throws IOException {
    String author = "user_" + Integer.toString(rnd.nextInt(2_000_000), 36);
    g.writeStartObject();
    g.writeArrayFieldStart("all_awardings");
    g.writeEndArray();
    g.writeBooleanField("archived", false);
    g.writeNullField("associated_award");
    g.writeStringField("author", author);
    g.writeNumberField("author_created_utc", 1_400_000_000L + rnd.nextInt(200_000_000));
    g.writeNullField("author_flair_background_color");
    g.writeNullField("author_flair_css_class");
    g.writeArrayFieldStart("author_flair_richtext");
    g.writeEndArray();
    g.writeNullField("author_flair_template_id");
    g.writeNullField("author_flair_text");
    g.writeNullField("author_flair_text_color");
    g.writeStringField("author_flair_type", "text");
    g.writeStringField("author_fullname", "t2_" + Integer.toString(rnd.nextInt(Integer.MAX_VALUE), 36));
    g.writeBooleanField("author_patreon_flair", false);
    g.writeBooleanField("author_premium", rnd.nextInt(20) == 0);
    g.writeArrayFieldStart("awarders");
    g.writeEndArray();
    g.writeStringField("body", body);
    g.writeBooleanField("can_gild", true);
    g.writeBooleanField("collapsed", false);
    g.writeNullField("collapsed_because_crowd_control");
    g.writeNullField("collapsed_reason");
    g.writeNullField("collapsed_reason_code");
    g.writeNullField("comment_type");
    g.writeNumberField("controversiality", rnd.nextInt(10) == 0 ? 1 : 0);
    g.writeNumberField("created_utc", created);
    g.writeNullField("distinguished");
    g.writeBooleanField("edited", false);
    g.writeNumberField("gilded", 0);
    g.writeObjectFieldStart("gildings");
    g.writeEndObject();
    g.writeStringField("id", id);
    g.writeBooleanField("is_submitter", rnd.nextInt(10) == 0);
    g.writeStringField("link_id", link);
    g.writeBooleanField("locked", false);
    g.writeStringField("name", "t1_" + id);
    g.writeBooleanField("no_follow", rnd.nextBoolean());
    g.writeStringField("parent_id", parent);
    g.writeStringField("permalink", String.format(Locale.ROOT, "/r/%s/comments/%s/comment/%s/", sub,
        link.substring(3), id));
    g.writeNumberField("retrieved_on", created + 86_400);
    g.writeNumberField("score", rnd.nextInt(200) - 5);
    g.writeBooleanField("score_hidden", false);
    g.writeBooleanField("send_replies", true);
    g.writeBooleanField("stickied", false);
    g.writeStringField("subreddit", sub);
    g.writeStringField("subreddit_id", "t5_" + Integer.toString(sub.hashCode() & 0xffffff, 36));
    g.writeStringField("subreddit_name_prefixed", "r/" + sub);
    g.writeStringField("subreddit_type", "public");
    g.writeNullField("top_awarded_type");
    g.writeNumberField("total_awards_received", 0);
    g.writeArrayFieldStart("treatment_tags");
    g.writeEndArray();
    g.writeBooleanField("unrepliable_score", false);
    g.writeEndObject();
  }
}
