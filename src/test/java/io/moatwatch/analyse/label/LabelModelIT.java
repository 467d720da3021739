package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.analyse.corenlp.Analysis;
import io.moatwatch.analyse.corenlp.SentenceSentiment;
import io.moatwatch.testing.Cost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped label model, really loaded with ONNX Runtime and the DJL tokenizer, once for this JVM. A candidate
 * is checked the same way before it ships: {@code mvn verify -Dit.test=LabelModelIT -Dmoatwatch.labelModel=DIR}
 * (training/README.md).
 */
@Order(Cost.MODELS)
class LabelModelIT {
  private static final LabelModelSpec SPEC = System.getProperty("moatwatch.labelModel") == null
      ? LabelModelSpec.builtin() : LabelModelSpec.directory(Path.of(System.getProperty("moatwatch.labelModel")));

  /**
   * Java's ONNX Runtime (1.20 to 1.26 give the same numbers) and the Python wheel (1.30) run the int8 kernels
   * along different paths (the tokens are identical). Measured 2026-12-06: the 6-layer MiniLM model's probes within
   * 6e-4 on short texts and 4.2e-3 on the 256-word-piece probe; the shipped 12-layer model's within 2.7e-3 on short
   * texts, 6.3e-3 on the long stance probe and 1.8e-2 on the long post probe (rounding differences grow with depth
   * and length). Short texts keep the 0.01 bound; texts cut at the model's length get {@link #JAVA_PYTHON_LONG}.
   * A tokenizer or input mix-up moves probabilities by tenths, and the labels must agree either way.
   */
  static final double JAVA_PYTHON_TOLERANCE = 0.01;

  /** The bound for a text the model cuts at its maximum length (above): over 4 characters per word piece. */
  static final double JAVA_PYTHON_LONG = 0.025;

  private static double tolerance(String text) {
    return text.length() > 4 * SPEC.maxTokens() ? JAVA_PYTHON_LONG : JAVA_PYTHON_TOLERANCE;
  }

  @Test
  void javaReadsTheProbeTextsAsThePythonExportDid() {
    LabelModel model = LabelModels.get(SPEC);
    JsonNode probes = SPEC.metadata(null).path("probes");
    assertThat(probes.size()).isGreaterThanOrEqualTo(5);
    List<String> texts = new ArrayList<>();
    probes.forEach(p -> texts.add(p.path("text").asText()));
    List<double[]> got = model.probabilities(texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonNode expected = probes.get(i).path("probabilities");
      for (int k = 0; k < 3; k++) {
        assertThat(got.get(i)[k]).as("probe " + i + " class " + k)
            .isCloseTo(expected.get(k).asDouble(), within(tolerance(texts.get(i))));
      }
      double[] python = {expected.get(0).asDouble(), expected.get(1).asDouble(), expected.get(2).asDouble()};
      assertThat(PostSentiment.modelLabel(got.get(i))).as("probe " + i).isEqualTo(PostSentiment.modelLabel(python));
      assertThat(got.get(i)[0] + got.get(i)[1] + got.get(i)[2]).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void javaReadsTheStanceProbesAsThePythonExportDid() {
    LabelModel model = LabelModels.get(SPEC);
    JsonNode probes = SPEC.metadata(null).path("stance_probes");
    assertThat(probes.size()).as("the shipped model reads stance").isGreaterThanOrEqualTo(3);
    for (JsonNode probe : probes) {
      String target = probe.path("target").asText();
      double[] got = model.stance(target, probe.path("text").asText());
      JsonNode expected = probe.path("probabilities");
      for (int k = 0; k < 3; k++) {
        assertThat(got[k]).as("stance probe " + target + " class " + k)
            .isCloseTo(expected.get(k).asDouble(), within(tolerance(probe.path("text").asText())));
      }
    }
  }

  /**
   * A model with a genre branch (training/genre_branch.py; the shipped one reads Stack Exchange posts through its
   * own path) reads a routed platform's texts as the Python export did with the genre input set, and every other
   * platform's through the shipped path: the same probabilities as the plain probes.
   */
  @Test
  void javaReadsTheGenreProbesAsThePythonExportDidAndOtherPlatformsThroughTheShippedPath() {
    assertThat(SPEC.genres()).as("the shipped model reads Stack Exchange posts through a path of their own").isNotNull();
    LabelModel model = LabelModels.get(SPEC);
    JsonNode probes = SPEC.metadata(null).path("genre_probes");
    assertThat(probes.size()).isGreaterThanOrEqualTo(5);
    List<String> texts = new ArrayList<>();
    probes.forEach(p -> texts.add(p.path("text").asText()));
    String platform = probes.get(0).path("platform").asText();
    assertThat(SPEC.genre(platform)).as(platform + " is routed").isPositive();
    List<double[]> routed = model.probabilities(texts, platform);
    List<double[]> shipped = model.probabilities(texts, "reddit");
    assertThat(SPEC.genre("reddit")).isZero();
    assertThat(shipped).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(model.probabilities(texts));
    boolean anyMoved = false;
    for (int i = 0; i < texts.size(); i++) {
      JsonNode expected = probes.get(i).path("probabilities");
      for (int k = 0; k < 3; k++) {
        assertThat(routed.get(i)[k]).as("genre probe " + i + " class " + k)
            .isCloseTo(expected.get(k).asDouble(), within(tolerance(texts.get(i))));
        anyMoved |= Math.abs(routed.get(i)[k] - shipped.get(i)[k]) > 0.05;
      }
    }
    assertThat(anyMoved).as("the branch reads some probe otherwise than the shipped path").isTrue();
  }

  /**
   * The shipped file's {@code If} on the genre input: a routed call runs the branch's top layers in place of the
   * shared ones, so it gives the branch's probabilities and no stance reading (NaN, which {@link LabelModel#reading}
   * refuses); the shipped path gives both. Word pieces [CLS] "works" [SEP] fed straight to ONNX Runtime.
   */
  @Test
  void aRoutedCallGivesTheBranchsProbabilitiesAndNoStanceReading() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(SPEC.files(null).read(ModelFiles.MODEL))) {
      for (long genre : new long[] {0, 1}) {
        try (OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {{101, 2573, 102}});
            OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {{1, 1, 1}});
            OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {{0, 0, 0}});
            OnnxTensor path = OnnxTensor.createTensor(env, new long[] {genre});
            OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                "token_type_ids", types, SPEC.genres().input(), path))) {
          float[] post = ((float[][]) result.get("probabilities").orElseThrow().getValue())[0];
          float[] stance = ((float[][]) result.get("stance_probabilities").orElseThrow().getValue())[0];
          assertThat(post[0] + post[1] + post[2]).as("genre " + genre).isCloseTo(1f, within(1e-4f));
          for (float x : stance) {
            assertThat(Float.isNaN(x)).as("genre " + genre + " stance reading is NaN").isEqualTo(genre == 1);
          }
        }
      }
    }
  }

  /** The shipped model's files in {@code dir} with {@code meta} for its model.json. */
  private static LabelModelSpec withMetadata(Path dir, ObjectNode meta) throws IOException {
    ModelFiles files = SPEC.files(null);
    Files.write(dir.resolve(ModelFiles.MODEL), files.read(ModelFiles.MODEL));
    Files.write(dir.resolve(ModelFiles.TOKENIZER), files.read(ModelFiles.TOKENIZER));
    Files.writeString(dir.resolve(ModelFiles.METADATA), meta.toString());
    return LabelModelSpec.directory(dir);
  }

  /** A model.json naming a genre input the model does not take is refused when the model loads. */
  @Test
  void aModelJsonNamingAGenreInputTheModelLacksIsRefused(@TempDir Path dir) throws Exception {
    ObjectNode meta = (ObjectNode) SPEC.metadata(null);
    meta.set("genres", new ObjectMapper().readTree("{\"input\": \"venue\", \"routes\": {\"hn\": 1}}"));
    LabelModelSpec misstated = withMetadata(dir, meta);
    assertThat(misstated.genre("hn")).isEqualTo(1);
    assertThatThrownBy(() -> new LabelModel(misstated, null)).isInstanceOf(LabelModelException.class)
        .hasMessageContaining("does not take the input venue that its model.json's genres name");
  }

  /** The shipped model's model.json without its genres: the model's extra input is named when it loads, not per call. */
  @Test
  void aModelJsonLeavingOutTheGenreInputIsRefused(@TempDir Path dir) throws Exception {
    ObjectNode meta = (ObjectNode) SPEC.metadata(null);
    assertThat(meta.remove("genres")).as("the shipped model has genres").isNotNull();
    LabelModelSpec silent = withMetadata(dir, meta);
    assertThatThrownBy(() -> new LabelModel(silent, null)).isInstanceOf(LabelModelException.class)
        .hasMessageContaining("takes the input genre, which its model.json does not describe");
  }

  @Test
  void aComparisonIsReadTowardEachStackItNames() {
    LabelModel model = LabelModels.get(SPEC);
    String text = "Switched the lab from ROCm to CUDA last month. Everything we run on CUDA just works; "
        + "ROCm cost us weeks of broken builds and silent hangs.";
    assertThat(PostSentiment.modelLabel(model.stance("cuda", text))).isEqualTo("positive");
    assertThat(PostSentiment.modelLabel(model.stance("rocm", text))).isEqualTo("negative");
  }

  @Test
  void developerTextIsReadTheWayDevelopersMeanIt() {
    List<double[]> p = LabelModels.get(SPEC).probabilities(List.of(
        "Reinstalled the driver, rebooted, and the segfault is gone. Thank you so much, this saved my week!",
        "Run `rocminfo` and paste the output; the agent list shows whether the GPU is visible.",
        "Honestly this is a joke. Three releases and the same crash, nobody from AMD even answers."));
    assertThat(PostSentiment.modelLabel(p.get(0))).isEqualTo("positive");
    assertThat(PostSentiment.modelLabel(p.get(1))).isEqualTo("neutral");
    assertThat(PostSentiment.modelLabel(p.get(2))).isEqualTo("negative");
  }

  @Test
  void manyTextsAtOnceGetWhatEachGetsAloneInTheirOwnPlace() {
    LabelModel model = LabelModels.get(SPEC);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(i % 3 == 0 ? "Works great on CUDA 12, thanks." : i % 3 == 1 ? "Compile fails with error 127 " + "x".repeat(i)
          : "I hate how slow this is.");
    }
    List<double[]> batched = model.probabilities(texts);
    for (int i = 0; i < texts.size(); i++) {
      double[] single = model.probabilities(List.of(texts.get(i))).get(0);
      assertThat(batched.get(i)).as("text " + i).containsExactly(single, within(1e-7));
    }
  }

  @Test
  void severalThreadsOnOneModelGetWhatOneThreadGets() throws Exception {
    LabelModel model = LabelModels.get(SPEC);
    List<String> texts = List.of("the build is broken again", "ROCm on Linux is fine now", "see the attached log",
        "amazing work on the HIP port", "why does this still segfault", "the docs are at the usual place");
    List<double[]> baseline = model.probabilities(texts);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<double[]>>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> model.probabilities(texts)));
      }
      for (Future<List<double[]>> f : futures) {
        List<double[]> got = f.get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(got.get(i)).containsExactly(baseline.get(i), within(1e-6));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(LabelModels.loads()).as("one model per JVM").isEqualTo(1);
  }

  /** A model.json that says the opposite of the model about the mention input is refused when the model loads. */
  @Test
  void aModelJsonThatMisstatesTheMentionInputIsRefused(@TempDir Path dir) throws Exception {
    ObjectNode meta = (ObjectNode) SPEC.metadata(null);
    ObjectNode stance = (ObjectNode) meta.path("stance");
    boolean takes = SPEC.stance().mentions() != null;
    if (takes) {
      stance.remove(List.of("pool", "mention_input", "mentions"));
    } else {
      stance.put("pool", "mention").put("mention_input", LabelModelSpec.Stance.MENTION_INPUT)
          .set("mentions", new ObjectMapper().readTree("{\"open\": \"<<\", \"close\": \">>\", \"template\":"
              + " \"(?i)(?:{names})\", \"names\": {}}"));
    }
    LabelModelSpec misstated = withMetadata(dir, meta);
    assertThatThrownBy(() -> new LabelModel(misstated, null)).isInstanceOf(LabelModelException.class)
        .hasMessageContaining((takes ? " takes " : " does not take ") + "the input mention_mask, but its model.json");
  }

  @Test
  void anAnalysisGetsTheWholeTextsAndEachSentencesProbabilities() {
    LabelModel model = LabelModels.get(SPEC);
    String text = "The installer crashed. Then it worked and I love it.";
    Analysis a = new Analysis(List.of(
        new SentenceSentiment(0, "The installer crashed.", 4, 1, new double[] {0, 1, 0, 0, 0}, -0.5, true),
        new SentenceSentiment(1, "Then it worked and I love it.", 8, 3, new double[] {0, 0, 0, 1, 0}, 0.5, true)),
        List.of());
    Analysis labelled = model.label(a, text);
    List<double[]> expected = model.probabilities(List.of(text, "The installer crashed.", "Then it worked and I love it."));
    assertThat(labelled.labelProbabilities()).containsExactly(expected.get(0), within(1e-6));
    assertThat(labelled.sentences().get(0).labelProbabilities()).containsExactly(expected.get(1), within(1e-6));
    assertThat(labelled.sentences().get(1).labelProbabilities()).containsExactly(expected.get(2), within(1e-6));
    assertThat(labelled.sentences().get(1).sentimentClass()).as("CoreNLP's figures are kept").isEqualTo(3);
    // Only the sentences asked for (--sentence-labels named), then the rest filled in without reading again.
    Analysis second = model.label(a, text, Set.of(1));
    assertThat(second.labelProbabilities()).containsExactly(expected.get(0), within(1e-6));
    assertThat(second.sentences().get(0).labelProbabilities()).isNull();
    assertThat(second.sentences().get(1).labelProbabilities()).containsExactly(expected.get(2), within(1e-6));
    Analysis filled = model.label(second, text, Set.of(0, 1));
    assertThat(filled.sentences().get(0).labelProbabilities()).containsExactly(expected.get(1), within(1e-6));
    assertThat(filled.sentences().get(1).labelProbabilities()).as("kept, not read again")
        .isSameAs(second.sentences().get(1).labelProbabilities());
    assertThat(model.label(filled, text, Set.of(0, 1))).as("nothing lacking: no call").isSameAs(filled);
  }
}
