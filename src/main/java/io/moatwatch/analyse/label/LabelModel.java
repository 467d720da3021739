package io.moatwatch.analyse.label;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one class in moatwatch that runs the sentiment label model: a fine-tuned small transformer exported to
 * ONNX (training/train_sentiment.py), run with ONNX Runtime, its word pieces made by the Hugging Face tokenizer
 * that was trained with it (DJL's binding of the Rust {@code tokenizers}).
 *
 * <p>Building one reads and initialises the model (about a second and 100 MB): get it from
 * {@link LabelModels}, which keeps one per model per JVM. {@link #probabilities} is thread-safe: ONNX Runtime
 * allows concurrent {@code OrtSession.run} calls on one session and the tokenizer keeps no per-call state
 * ({@code LabelModelIT} compares several threads with one). Each call uses {@link #INTRA_OP_THREADS} thread, as
 * Spark already runs one task per core.
 *
 * <p>One text per model call, never a padded batch: the shipped model's weights are int8 with dynamic
 * quantisation, which scales activations over the whole input tensor, padding included, so a text's
 * probabilities would depend on which texts share its batch (measured: up to 0.005 apart). Alone, a text gets
 * exactly what the Python export gives it (the probes in model.json, checked by {@code LabelModelIT}).
 */
public final class LabelModel implements AutoCloseable {
  /** Threads inside one model call: one, because Spark (or evaluate) already runs one caller per core. */
  static final int INTRA_OP_THREADS = 1;
  /** The post head's output (model.json {@code output}). */
  static final String OUTPUT = "probabilities";
  private final LabelModelSpec spec;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  /** The same word pieces for a (target, text) pair: only the text is cut to fit (null without stance). */
  private final HuggingFaceTokenizer pairs;
  /** Each stance target's mention patterns, compiled once per JVM ({@link StanceMarks}; unused without marks). */
  private final Map<String, List<Pattern>> markPatterns = new ConcurrentHashMap<>();
  /** The same for finding the mentions a stance head pools over (unused unless the model takes a mention mask). */
  private final Map<String, List<Pattern>> mentionPatterns = new ConcurrentHashMap<>();

  LabelModel(LabelModelSpec spec, Path here) {
    this.spec = spec;
    ModelFiles files = spec.files(here);
    byte[] model = files.read(ModelFiles.MODEL);
    if (!LabelModelSpec.sha256(model).equals(spec.modelSha256())) {
      throw new LabelModelException(files.describe(ModelFiles.MODEL) + " is not the model the driver checked"
          + " (SHA-256 " + spec.modelSha256() + "): every executor must see the same file");
    }
    byte[] tokenizerJson = files.read(ModelFiles.TOKENIZER);
    try {
      this.tokenizer = tokenizer(tokenizerJson, "true");
      this.pairs = spec.readsStance() ? tokenizer(tokenizerJson, "only_second") : null;
    } catch (IOException | RuntimeException e) {
      throw new LabelModelException("cannot load the tokenizer " + files.describe(ModelFiles.TOKENIZER) + ": " + e, e);
    }
    try {
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(INTRA_OP_THREADS);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(model, options);
    } catch (OrtException e) {
      tokenizer.close();
      if (pairs != null) {
        pairs.close();
      }
      throw new LabelModelException("ONNX Runtime cannot load " + files.describe(ModelFiles.MODEL) + ": " + e.getMessage(), e);
    }
    Set<String> described = new HashSet<>(Set.of("input_ids", "attention_mask", "token_type_ids",
        LabelModelSpec.Stance.MENTION_INPUT));
    if (spec.genres() != null) {
      described.add(spec.genres().input());
      if (!session.getInputNames().contains(spec.genres().input())) {
        close();
        throw new LabelModelException(files.describe(ModelFiles.MODEL) + " does not take the input "
            + spec.genres().input() + " that its model.json's genres name");
      }
    }
    for (String input : session.getInputNames()) {
      if (!described.contains(input)) {
        close();
        throw new LabelModelException(files.describe(ModelFiles.MODEL) + " takes the input " + input + ", which its"
            + " model.json does not describe (a model with genres names it in \"genres\")");
      }
    }
    boolean takesMentions = session.getInputNames().contains(LabelModelSpec.Stance.MENTION_INPUT);
    if (takesMentions != takesMentions()) {
      close();
      throw new LabelModelException(files.describe(ModelFiles.MODEL) + (takesMentions ? " takes " : " does not take ")
          + "the input " + LabelModelSpec.Stance.MENTION_INPUT + ", but its model.json says "
          + (takesMentions ? "nothing of it" : "it does (stance pool \"mention\")"));
    }
  }

  private HuggingFaceTokenizer tokenizer(byte[] json, String truncation) throws IOException {
    return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), Map.of("maxLength",
        Integer.toString(spec.maxTokens()), "truncation", truncation, "padding", "false", "addSpecialTokens", "true"));
  }

  public LabelModelSpec spec() {
    return spec;
  }

  /**
   * The negative / neutral / positive probabilities of each text, in the order given, one model call per distinct
   * text (texts with the same word pieces share one call).
   * Texts are cut at the model's {@link LabelModelSpec#maxTokens} word pieces; an empty text gets the model's
   * reading of nothing.
   */
  public List<double[]> probabilities(List<String> texts) {
    return probabilities(texts, null);
  }

  /**
   * The same for the texts of a post from {@code platform} (the job's {@code source}; null: none), read through the
   * model's path for that platform's genre where it has one ({@link LabelModelSpec.Genres}).
   */
  public List<double[]> probabilities(List<String> texts, String platform) {
    long genre = spec.genre(platform);
    // Texts with the same word pieces (a one-sentence post and its sentence, repeated sentences) run once.
    Map<List<Long>, double[]> seen = new HashMap<>();
    List<double[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      Encoding enc = tokenizer.encode(text);
      List<Long> key = Arrays.stream(enc.getIds()).boxed().toList();
      double[] p = seen.get(key);
      if (p == null) {
        p = run(enc, null, text, OUTPUT, genre);
        seen.put(key, p);
      }
      out.add(p.clone());
    }
    return out;
  }

  /** The analysis with the model's probabilities for the whole text and for each of its sentences. */
  public Analysis label(Analysis analysis, String text) {
    Set<Integer> every = new HashSet<>();
    analysis.sentences().forEach(s -> every.add(s.index()));
    return label(analysis, text, every);
  }

  /**
   * The analysis with the model's probabilities for the whole text and for the sentences of {@code sentences} (by
   * index; {@link SentenceReadings}), where it lacks them: readings it has (a cached analysis) are not made again,
   * and the other sentences keep what they had.
   */
  public Analysis label(Analysis analysis, String text, Set<Integer> sentences) {
    return label(analysis, text, sentences, null);
  }

  /** The same for a post from {@code platform} (the job's {@code source}), read through its genre's path. */
  public Analysis label(Analysis analysis, String text, Set<Integer> sentences, String platform) {
    boolean post = analysis.labelProbabilities() == null;
    List<String> texts = new ArrayList<>();
    if (post) {
      texts.add(text);
    }
    Set<Integer> lacking = SentenceReadings.lacking(analysis, sentences);
    for (SentenceSentiment s : analysis.sentences()) {
      if (lacking.contains(s.index())) {
        texts.add(s.text());
      }
    }
    if (texts.isEmpty()) {
      return analysis;
    }
    Iterator<double[]> probs = probabilities(texts, platform).iterator();
    double[] whole = post ? probs.next() : analysis.labelProbabilities();
    List<double[]> perSentence = new ArrayList<>(analysis.sentences().size());
    for (SentenceSentiment s : analysis.sentences()) {
      perSentence.add(lacking.contains(s.index()) ? probs.next() : s.labelProbabilities());
    }
    return analysis.withLabels(whole, perSentence);
  }

  /**
   * The model's negative / neutral / positive reading of {@code text} toward {@code target} (a stack's name, as
   * {@link StanceTargets} gives it): the pair {@code [CLS] target [SEP] text [SEP]}, the text cut to fit, its
   * mentions of the target marked when the model was trained so ({@link StanceMarks}), and the word pieces that
   * name it flagged when its stance head pools over them ({@link #mentionMask}).
   */
  public double[] stance(String target, String text) {
    if (pairs == null) {
      throw new LabelModelException("the label model " + spec.name() + " has no stance reading");
    }
    StanceMarks marks = spec.stance().marks();
    String read = marks == null ? text : marks.mark(markPatterns.computeIfAbsent(target, marks::patterns), text);
    Encoding enc = pairs.encode(target, read);
    StanceMarks mentions = spec.stance().mentions();
    long[] mention = null;
    if (mentions != null) {
      List<int[]> spans = StanceMarks.spans(mentionPatterns.computeIfAbsent(target, mentions::patterns), read);
      mention = mentionMask(enc.getTypeIds(), enc.getCharTokenSpans(), spans);
    }
    return run(enc, mention, text, spec.stance().output(), 0);
  }

  /**
   * Which word pieces of a {@code [CLS] target [SEP] text [SEP]} pair name the target: 1 for each piece of the text
   * (type 1) whose characters overlap one of {@code spans} (positions in the text); when none does (the text names
   * the target nowhere in the cut), 1 for the target's own segment ({@code [CLS] target [SEP]}, type 0). As
   * {@code train_sentiment.py}'s {@code mention_mask} makes it. Special tokens have no characters (null or empty).
   */
  static long[] mentionMask(long[] typeIds, CharSpan[] pieces, List<int[]> spans) {
    long[] mask = new long[typeIds.length];
    boolean any = false;
    for (int i = 0; i < typeIds.length; i++) {
      CharSpan c = pieces[i];
      if (typeIds[i] == 1 && c != null) {
        for (int[] s : spans) {
          if (c.getStart() < s[1] && s[0] < c.getEnd()) {
            mask[i] = 1;
            any = true;
            break;
          }
        }
      }
    }
    if (!any) {
      for (int i = 0; i < typeIds.length; i++) {
        mask[i] = typeIds[i] == 0 ? 1 : 0;
      }
    }
    return mask;
  }

  /**
   * The analysis with the stance readings it lacks: of the whole text toward each of {@code postTargets}, and of
   * each sentence (by index) toward its targets in {@code sentenceTargets}. Readings it already has (a cached
   * analysis) are not made again.
   */
  public Analysis withStance(Analysis analysis, String text, Collection<String> postTargets,
      Map<Integer, ? extends Collection<String>> sentenceTargets) {
    Map<String, double[]> post = new LinkedHashMap<>();
    for (String target : postTargets) {
      if (!analysis.stance().containsKey(target)) {
        post.put(target, stance(target, text));
      }
    }
    Map<Integer, Map<String, double[]>> sentences = new LinkedHashMap<>();
    for (SentenceSentiment s : analysis.sentences()) {
      Collection<String> targets = sentenceTargets.get(s.index());
      if (targets == null) {
        continue;
      }
      for (String target : targets) {
        if (!s.stance().containsKey(target)) {
          sentences.computeIfAbsent(s.index(), i -> new LinkedHashMap<>()).put(target, stance(target, s.text()));
        }
      }
    }
    return post.isEmpty() && sentences.isEmpty() ? analysis : analysis.withStance(post, sentences);
  }

  /** Whether the model takes a mention mask beside the word pieces (model.json: stance pool "mention"). */
  private boolean takesMentions() {
    return spec.readsStance() && spec.stance().mentions() != null;
  }

  /**
   * One model call; {@code mention} is the mention mask of a stance pair (zeros when the model takes one), {@code
   * genre} the genre input's value (a model with genres only; 0: the shipped path).
   */
  private double[] run(Encoding enc, long[] mention, String text, String output, long genre) {
    long[][] ids = {enc.getIds()};
    long[][] mask = {enc.getAttentionMask()};
    long[][] types = {enc.getTypeIds()};
    boolean takesMentions = takesMentions();
    long[][] mentions = {mention != null ? mention : new long[ids[0].length]};
    try (OnnxTensor tIds = OnnxTensor.createTensor(env, ids);
        OnnxTensor tMask = OnnxTensor.createTensor(env, mask);
        OnnxTensor tTypes = OnnxTensor.createTensor(env, types);
        OnnxTensor tMentions = takesMentions ? OnnxTensor.createTensor(env, mentions) : null;
        OnnxTensor tGenre = spec.genres() != null ? OnnxTensor.createTensor(env, new long[] {genre}) : null;
        OrtSession.Result result = session.run(inputs(tIds, tMask, tTypes, tMentions, tGenre))) {
      float[] p = ((float[][]) result.get(output).orElseThrow(() -> new LabelModelException("the label model has no"
          + " output '" + output + "'")).getValue())[0];
      return reading(p, output, genre);
    } catch (OrtException e) {
      throw new LabelModelException("the label model failed on a text of " + text.length() + " characters: "
          + e.getMessage(), e);
    }
  }

  /**
   * One call's probabilities; a reading that is not a number is refused rather than turned into a label (a routed
   * call's {@code stance_probabilities} is NaN by design: the branch has no stance reading).
   */
  static double[] reading(float[] p, String output, long genre) {
    for (float x : p) {
      if (Float.isNaN(x)) {
        throw new LabelModelException("the label model's output '" + output + "' is not a number on the path of genre "
            + genre + " (a genre branch has no stance reading; a broken export reads NaN everywhere)");
      }
    }
    return new double[] {p[0], p[1], p[2]};
  }

  /** The model's inputs by name; the mention mask and the genre only when there are. */
  private Map<String, OnnxTensor> inputs(OnnxTensor ids, OnnxTensor mask, OnnxTensor types, OnnxTensor mentions,
      OnnxTensor genre) {
    Map<String, OnnxTensor> in = new HashMap<>(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types));
    if (mentions != null) {
      in.put(LabelModelSpec.Stance.MENTION_INPUT, mentions);
    }
    if (genre != null) {
      in.put(spec.genres().input(), genre);
    }
    return in;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // closing at JVM end; nothing to do
    }
    tokenizer.close();
    if (pairs != null) {
      pairs.close();
    }
  }
}
