package io.moatwatch.analyse.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which label model a run uses: small, immutable and serializable, so it is what crosses from the driver to
 * the executors (the model itself is loaded there, once per JVM, by {@link LabelModels}). Made on the driver by
 * {@link #builtin()} or {@link #directory(Path)}, which read {@code model.json} and check that
 * {@code model.onnx} is the file it describes (its SHA-256), so a damaged or swapped model fails the run at
 * start-up with the file named, never half-way through on an executor.
 *
 * @param name        the model's name from model.json (e.g. {@code sentiment})
 * @param location    {@code builtin} (the shipped model, on the classpath) or the model directory's absolute path
 * @param modelSha256 SHA-256 of model.onnx: part of the pipeline signature, so of the annotation cache key
 * @param maxTokens   word pieces per text (longer texts are cut), from model.json
 * @param stance      how the model reads a text toward a target (model.json {@code stance}), or null when it
 *                    cannot: then every topic of a post gets the post's own label
 * @param genres      which platforms' posts and sentences the model reads through a path of their own (model.json
 *                    {@code genres}; training/genre_branch.py), or null when it has one path for every text
 */
public record LabelModelSpec(String name, String location, String modelSha256, int maxTokens, Stance stance,
    Genres genres) implements Serializable {

  /**
   * A model with a genre branch: its top layers copied and trained on one genre's texts, which a post from one of
   * {@code routes}' platforms (and its sentences) is read through; every other text, and every stance reading,
   * takes the shipped path.
   *
   * @param input  the ONNX input (int64, one element) choosing the path: 0 the shipped one, else a route's value
   * @param routes the platforms (the job's {@code source} names) read through the branch, with the input's value
   */
  public record Genres(String input, Map<String, Integer> routes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Genres {
      routes = Map.copyOf(routes);
    }

    /** The input's value for a post from {@code platform}: 0 (the shipped path) unless a route names it. */
    public long of(String platform) {
      return platform == null ? 0 : routes.getOrDefault(platform, 0);
    }
  }

  /** The genre input's value for a post from {@code platform} (0 for a model without genres). */
  public long genre(String platform) {
    return genres == null ? 0 : genres.of(platform);
  }

  /**
   * A model's stance reading: the target (a stack's name) as the first segment and the text as the second
   * ({@code [CLS] target [SEP] text [SEP]}, the text cut to fit), read from the output {@code output}.
   *
   * @param output  the ONNX output holding the stance probabilities ({@code stance_probabilities} for a second
   *                head on the encoder, {@code probabilities} when the post head reads the pair)
   * @param targets the stack names the model was trained on (lower case, '-' for a space), in order
   * @param marks   how the target's mentions in the text are marked before the pair is read, or null when the
   *                model was trained on unmarked texts
   * @param mentions how to find the target's mentions in the text, whose word pieces the model's stance head
   *                 pools over (1 in the extra input {@value #MENTION_INPUT}; model.json {@code "pool": "mention"}),
   *                 or null when the model takes no such input
   */
  public record Stance(String output, List<String> targets, StanceMarks marks, StanceMarks mentions)
      implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The ONNX input saying which word pieces name the target (a model trained with {@code --stance-pool mention}). */
    public static final String MENTION_INPUT = "mention_mask";

    public Stance {
      targets = List.copyOf(targets);
    }
  }

  /** Whether the model reads a text toward a target. */
  public boolean readsStance() {
    return stance != null;
  }
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LabelModelSpec.class);
  public static final String BUILTIN = "builtin";
  /** The labels the model's three outputs stand for, in order. */
  public static final List<String> LABELS = List.of("negative", "neutral", "positive");
  static final String FORMAT = "moatwatch-sentiment-onnx/1";

  /** The shipped model (models/sentiment, MODEL_CARD.md there). */
  public static LabelModelSpec builtin() {
    return read(ModelFiles.builtin(), BUILTIN);
  }

  /** A model directory as {@code training/train_sentiment.py --out DIR} writes it. */
  public static LabelModelSpec directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LabelModelException(dir + " is not a directory (a label model directory holds model.onnx,"
          + " tokenizer.json and model.json)");
    }
    return read(ModelFiles.directory(dir), dir.toAbsolutePath().normalize().toString());
  }

  public boolean isBuiltin() {
    return BUILTIN.equals(location);
  }

  /**
   * What the readings of a post from {@code platform} are made by: {@link #signature()}, and the path where the
   * model's genres route the platform ({@code labels=sentiment@1a2b3c4d5e6f genre=1}). The annotation cache keeps
   * it beside each analysis, so another model, or another path, reads a cached text again without CoreNLP.
   */
  public String readings(String platform) {
    long g = genre(platform);
    return g == 0 ? signature() : signature() + " genre=" + g;
  }

  /** For the pipeline signature: {@code labels=<name>@<first 12 hex digits of the model's SHA-256>}. */
  public String signature() {
    return "labels=" + name + "@" + modelSha256.substring(0, 12);
  }

  /** The files of this model, read in this JVM from {@code here} (null: where the spec says). */
  ModelFiles files(Path here) {
    if (isBuiltin()) {
      return ModelFiles.builtin();
    }
    return ModelFiles.directory(here != null ? here : Path.of(location));
  }

  /** model.json of this model, parsed. */
  JsonNode metadata(Path here) {
    return parse(files(here));
  }

  /**
   * The model's confusion matrix on its validation data (model.json {@code validation.confusion_total}: rows
   * true, columns predicted, negative / neutral / positive), for correcting class shares; null if it has none.
   */
  public long[][] validationConfusion() {
    JsonNode m = metadata(null).path("validation").path("confusion_total");
    if (!m.isArray() || m.size() != 3) {
      return null;
    }
    long[][] out = new long[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = m.get(i).get(j).asLong();
      }
    }
    return out;
  }

  private static LabelModelSpec read(ModelFiles files, String location) {
    JsonNode meta = parse(files);
    String where = files.describe(ModelFiles.METADATA);
    if (!FORMAT.equals(meta.path("format").asText())) {
      throw new LabelModelException(where + ": format is '" + meta.path("format").asText() + "', this moatwatch"
          + " reads '" + FORMAT + "'");
    }
    List<String> labels = new ArrayList<>();
    meta.path("labels").forEach(l -> labels.add(l.asText()));
    if (!labels.equals(LABELS)) {
      throw new LabelModelException(where + ": labels are " + labels + ", expected " + LABELS);
    }
    String expected = meta.path("model_sha256").asText();
    byte[] model = files.read(ModelFiles.MODEL);
    String actual = sha256(model);
    if (!actual.equals(expected)) {
      throw new LabelModelException(files.describe(ModelFiles.MODEL) + " has SHA-256 " + actual + " but "
          + ModelFiles.METADATA + " describes " + (expected.isEmpty() ? "no model_sha256" : expected)
          + ": the directory's files do not belong together");
    }
    int maxTokens = meta.path("max_tokens").asInt(256);
    if (maxTokens < 8 || maxTokens > 512) {
      throw new LabelModelException(where + ": max_tokens must be 8..512, got " + maxTokens);
    }
    String name = meta.path("name").asText("");
    if (name.isBlank()) {
      throw new LabelModelException(where + ": no name");
    }
    warnIfCpuDependent(Int8Products.of(model), files.describe(ModelFiles.MODEL));
    return new LabelModelSpec(name, location, actual, maxTokens, stance(meta, where), genres(meta, where));
  }

  private static Genres genres(JsonNode meta, String where) {
    JsonNode g = meta.path("genres");
    if (g.isMissingNode() || g.isNull()) {
      return null;
    }
    Map<String, Integer> routes = new TreeMap<>();
    g.path("routes").fields().forEachRemaining(e -> routes.put(e.getKey(), e.getValue().asInt()));
    if (g.path("input").asText().isBlank() || routes.isEmpty() || routes.values().stream().anyMatch(v -> v < 1)) {
      throw new LabelModelException(where + ": genres must name its input and route platforms to values of 1 or"
          + " more, got " + g);
    }
    return new Genres(g.path("input").asText(), routes);
  }

  /**
   * Signed int8 weights outside -64..63 give other probabilities on CPUs without VNNI: said once, on the driver.
   * 7-bit signed weights and weights stored unsigned are computed exactly everywhere.
   */
  static boolean warnIfCpuDependent(Int8Products products, String model) {
    if (products.fullRange() == 0) {
      return false;
    }
    LOG.warn("{}: {} of its {} int8 matrix products store signed weights outside -64..63, which ONNX Runtime"
        + " multiplies with a saturating instruction on CPUs without VNNI, so its labels depend on the CPU each"
        + " executor runs on; python3 training/u8_weights.py stores the same integers unsigned (QUALITY.md, \"The"
        + " same figures on every CPU\")", model, products.fullRange(), products.products());
    return true;
  }

  private static Stance stance(JsonNode meta, String where) {
    JsonNode s = meta.path("stance");
    if (s.isMissingNode() || s.isNull()) {
      return null;
    }
    if (!"segment".equals(s.path("input").asText()) || s.path("output").asText().isBlank()) {
      throw new LabelModelException(where + ": stance must say input \"segment\" and its output, got " + s);
    }
    List<String> targets = new ArrayList<>();
    s.path("targets").forEach(t -> targets.add(t.asText()));
    String pool = s.path("pool").asText("mean");
    StanceMarks mentions = null;
    if ("mention".equals(pool)) {
      if (!Stance.MENTION_INPUT.equals(s.path("mention_input").asText()) || s.path("mentions").isMissingNode()) {
        throw new LabelModelException(where + ": a stance pooled over mentions needs mention_input \""
            + Stance.MENTION_INPUT + "\" and the mentions' patterns, got " + s);
      }
      mentions = marks(s.path("mentions"), where);
    } else if (!"mean".equals(pool)) {
      throw new LabelModelException(where + ": stance pool must be \"mean\" or \"mention\", got \"" + pool + "\"");
    }
    return new Stance(s.path("output").asText(), targets, marks(s.path("marks"), where), mentions);
  }

  private static StanceMarks marks(JsonNode m, String where) {
    if (m.isMissingNode() || m.isNull()) {
      return null;
    }
    try {
      return StanceMarks.of(m);
    } catch (LabelModelException e) {
      throw new LabelModelException(where + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(ModelFiles files) {
    try {
      return new ObjectMapper().readTree(files.read(ModelFiles.METADATA));
    } catch (IOException e) {
      throw new LabelModelException(files.describe(ModelFiles.METADATA) + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
