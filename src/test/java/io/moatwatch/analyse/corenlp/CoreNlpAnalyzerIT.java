package io.moatwatch.analyse.corenlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.testing.Cost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The real CoreNLP 4.5.10 models through the one shared pipeline of this JVM. */
@Order(Cost.MODELS)
class CoreNlpAnalyzerIT {
  private static CoreNlpAnalyzer analyzer;

  private static final List<String> TEXTS = List.of(
      "I love ROCm 6.2, it finally works great on my 7900 XTX.",
      "This is terrible. CUDA crashed my whole machine again and Nvidia support ignored me.",
      "I installed tinygrad from pip on Ubuntu 22.04.",
      "George Hotz said tiny corp will ship the tinybox in March.",
      "The profiler, cuDNN and the documentation are superb, and everything just works on day one.",
      "Not for me. ROCm still segfaults on my RX 6700 and the docs are a mess.",
      "Roughly half of what PyTorch needs for the same model. The lazy evaluation really helps.",
      "We moved half of our inference fleet to MI300X last quarter.");

  @BeforeAll
  static void load() {
    analyzer = Analyzers.get(NlpSettings.DEFAULTS);
  }

  @Test
  void clearlyPositiveSentencesScorePositive() {
    for (String s : List.of("I love this framework, it is fast and beautifully designed.",
        "The documentation is excellent and the support team was wonderful.")) {
      SentenceSentiment r = analyzer.analyse(s).sentences().get(0);
      assertThat(r.sentimentClass()).as(s).isGreaterThanOrEqualTo(3);
      assertThat(r.score()).as(s).isGreaterThan(0.3);
      assertThat(r.probabilities()).hasSize(5);
    }
  }

  @Test
  void clearlyNegativeSentencesScoreNegative() {
    for (String s : List.of("This is terrible.", "The installer is awful and the drivers are a horrible mess.")) {
      SentenceSentiment r = analyzer.analyse(s).sentences().get(0);
      assertThat(r.sentimentClass()).as(s).isLessThanOrEqualTo(1);
      assertThat(r.score()).as(s).isLessThan(-0.3);
    }
  }

  @Test
  void sentencesAndEntitiesAreReported() {
    Analysis a = analyzer.analyse("George Hotz said tiny corp will ship the tinybox in March. It looks great.");
    assertThat(a.sentences()).hasSize(2);
    assertThat(a.sentences().get(1).index()).isEqualTo(1);
    assertThat(a.entities()).anySatisfy(e -> {
      assertThat(e.text()).isEqualTo("George Hotz");
      assertThat(e.type()).isEqualTo("PERSON");
      assertThat(e.sentenceIndex()).isZero();
    });
    assertThat(a.entities()).extracting(EntityMention::type).doesNotContain("DATE");
  }

  @Test
  void pronounsAndDeviceClassesAreNotEntities() {
    Analysis a = analyzer.analyse("George Hotz streamed again. He said his GPU crashed, and the FPGA board from"
        + " Xilinx was no better. Jensen Huang did not answer him.");
    assertThat(a.entities()).extracting(EntityMention::text)
        .doesNotContain("He", "his", "him", "GPU", "FPGA")
        .contains("Jensen Huang");
    assertThat(a.entities()).extracting(EntityMention::canonical).contains("George Hotz");
  }

  @Test
  void gazetteerResolvesNicknamesToCanonicalNamesAndTypes() {
    Analysis a = analyzer.analyse("Team Red shipped the MI300X, geohot ranted about the drivers on stream, "
        + "and Jensen says Team Green's H100s are sold out. HIP code ports easily.");
    assertThat(a.entities()).extracting(e -> e.text() + "=" + e.canonical() + "/" + e.type())
        .contains("Team Red=AMD/ORGANIZATION", "MI300X=MI300X/HARDWARE", "geohot=George Hotz/PERSON",
            "Jensen=Jensen Huang/PERSON", "Team Green=NVIDIA/ORGANIZATION", "H100s=H100/HARDWARE",
            "HIP=HIP/SOFTWARE");
    // Stock NER already knows "Nvidia": the gazetteer gives it its canonical spelling.
    assertThat(analyzer.analyse("Nvidia support ignored me.").entities())
        .extracting(EntityMention::canonical).containsExactly("NVIDIA");
  }

  /** Sentences of the kind GPU threads have (written for this test), each with the canonical names it names. */
  @Test
  void threadSentencesGiveCanonicalNamesAndNoJunk() {
    java.util.Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
    cases.put("Mr. Leather-Jacket will charge whatever he wants for the next card.", List.of("Jensen Huang"));
    cases.put("We rented MI300X nodes from TensorWave and the cluster was up in a day.",
        List.of("MI300X", "TensorWave"));
    cases.put("CoreWeave and Lambda Labs only had H100s left, so we went with Crusoe.",
        List.of("CoreWeave", "Lambda", "H100", "Crusoe"));
    cases.put("Cerebras and Groq sell tokens, not chips, and SambaNova is doing the same now.",
        List.of("Cerebras", "Groq", "SambaNova"));
    cases.put("@LisaSu replied to @realGeorgeHotz within an hour, which he did not expect.",
        List.of("Lisa Su", "George Hotz"));
    cases.put("Dylan Patel from SemiAnalysis says his numbers show the gap closing.",
        List.of("Dylan Patel", "SemiAnalysis"));
    cases.put("TensorRT-LLM beat vLLM on the H200, and d-Matrix claims it can do better.",
        List.of("TensorRT-LLM", "vLLM", "H200", "d-Matrix")); // TensorRT-LLM is its own product, not TensorRT
    for (var c : cases.entrySet()) {
      List<EntityMention> found = analyzer.analyse(c.getKey()).entities();
      assertThat(found).as(c.getKey()).extracting(EntityMention::canonical).containsAll(c.getValue());
      assertThat(found).as(c.getKey()).extracting(e -> e.text().toLowerCase(java.util.Locale.ROOT))
          .doesNotContainAnyElementsOf(List.of("he", "his", "him", "she", "her", "it", "they", "gpu", "gpus"));
      assertThat(found).as(c.getKey()).filteredOn(e -> e.canonical().equals("TensorWave"))
          .allSatisfy(e -> assertThat(e.type()).isEqualTo("ORGANIZATION"));
    }
  }

  @Test
  void gazetteerDoesNotOverMatchAmbiguousWords() {
    Analysis a = analyzer.analyse("I listen to hip hop on my barracuda-themed desktop. My hip hurts. "
        + "The red team at work found a bug.");
    assertThat(a.entities()).extracting(EntityMention::canonical)
        .doesNotContain("HIP", "CUDA", "AMD");
  }

  @Test
  void sentencesOverTheLengthCapAreNotScored() {
    String longSentence = "ROCm " + "and CUDA ".repeat(60) + "work.";
    SentenceSentiment r = analyzer.analyse(longSentence).sentences().get(0);
    assertThat(r.tokens()).isGreaterThan(NlpSettings.DEFAULTS.maxSentenceTokens());
    assertThat(r.scored()).isFalse();
    assertThat(r.sentimentClass()).isEqualTo(-1);
  }

  @Test
  void sharedPipelineGivesTheSameResultFromSeveralThreadsAsFromOne() throws Exception {
    List<String> work = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      work.addAll(TEXTS);
    }
    List<String> baseline = new ArrayList<>();
    for (String t : work) {
      baseline.add(describe(analyzer.analyse(t)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (String t : work) {
        results.add(pool.submit(() -> {
          start.await();
          return describe(analyzer.analyse(t));
        }));
      }
      start.countDown();
      for (int i = 0; i < work.size(); i++) {
        assertThat(results.get(i).get()).as(work.get(i)).isEqualTo(baseline.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFirstUseLoadsOncePerSettings() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<CoreNlpAnalyzer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> Analyzers.get(NlpSettings.DEFAULTS));
      }
      Set<CoreNlpAnalyzer> seen = new HashSet<>();
      for (Future<CoreNlpAnalyzer> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertThat(seen).containsExactly(analyzer);
      assertThat(Analyzers.loads()).isEqualTo(Analyzers.settingsSeen());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Everything that reaches the output, in a comparable form. */
  private static String describe(Analysis a) {
    StringBuilder s = new StringBuilder();
    for (SentenceSentiment x : a.sentences()) {
      s.append(x.text()).append('|').append(x.sentimentClass()).append('|')
          .append(java.util.Arrays.toString(x.probabilities())).append('\n');
    }
    a.entities().forEach(e -> s.append(e).append('\n'));
    return s.toString();
  }

  /**
   * A long-form event report of the kind people post about GPU meet-ups (written for this test): twenty
   * sessions of thirteen sentences each between an opening and a closing sentence (262 sentences, ~24 kB).
   */
  static String longReport() {
    String[] speakers = {"a ROCm maintainer", "the tinygrad team", "a CUDA veteran", "an HPC admin",
        "a compiler engineer", "a start-up founder", "a PyTorch contributor", "a cloud architect",
        "a graduate student", "an AMD field engineer"};
    StringBuilder b = new StringBuilder("Notes from the Beyond CUDA day in San Francisco, written up on the train"
        + " home.\n\n");
    for (int i = 0; i < 2 * speakers.length; i++) {
      b.append("Session ").append(i + 1).append(" was given by ").append(speakers[i % speakers.length]).append(". ")
          .append("The room was full well before the start, and people were standing along the back wall. ")
          .append("The first half walked through how their kernels are written and tested today. ")
          .append("Most of the examples were matrix multiplications and attention layers, as you would expect. ")
          .append("The speaker showed profiles from ROCm 6.4 next to the same runs under CUDA 12.8. ")
          .append("The gap on the large shapes was smaller than I had heard from friends. ")
          .append("On the small shapes the launch overhead still dominated, and nobody pretended otherwise. ")
          .append("A question from the floor asked about the packaging story on Ubuntu and Fedora. ")
          .append("The answer was honest: it is better than last year, but still far from one command. ")
          .append("Someone from tiny corp mentioned that tinygrad now targets the AMD driver directly. ")
          .append("That got a laugh and a round of applause in equal measure. ")
          .append("The slides will be posted later this week, according to the organisers. ")
          .append("I left this session with more questions than answers, which is a good sign.\n\n");
    }
    b.append("Overall it was the most useful event of the year for me, and I will be back next time.");
    return b.toString();
  }

  @Test
  void aLongPostIsAnalysedOnItsSentenceBudgetEvenlySpaced() {
    String report = longReport();
    assertThat(report.length()).isGreaterThan(20_000);
    CoreNlpAnalyzer.Budgeted b = analyzer.budgeted(report);
    assertThat(b.sentencesInText()).isEqualTo(262);
    String[] sample = b.text().split("\n\n");
    assertThat(sample).hasSize(io.moatwatch.config.NlpStage.DEFAULT_SENTENCE_BUDGET);
    assertThat(sample[0]).startsWith("Notes from the Beyond CUDA day");
    // sentence floor(i * 262 / 200): 0, 1, 2, 3, 5 ... 260, the last of session 20, not the closing one
    assertThat(sample[1]).isEqualTo("Session 1 was given by a ROCm maintainer.");
    assertThat(sample[4]).isEqualTo("The speaker showed profiles from ROCm 6.4 next to the same runs under CUDA 12.8.");
    assertThat(sample[199]).isEqualTo("I left this session with more questions than answers, which is a good sign.");
    Analysis a = analyzer.analyse(report);
    assertThat(a.sentencesInText()).isEqualTo(262);
    assertThat(a.sentences()).hasSize(200);
    assertThat(a.sentences().stream().filter(SentenceSentiment::scored).count()).isEqualTo(200);
    assertThat(a.entities()).extracting(EntityMention::canonical).contains("ROCm", "CUDA", "tinygrad");
    // a sampled sentence gets the score it gets on its own: CoreNLP's sentiment reads one sentence at a time
    assertThat(a.sentences().get(4).text()).isEqualTo(sample[4]);
    assertThat(a.sentences().get(4).score()).isEqualTo(analyzer.analyse(sample[4]).sentences().get(0).score());
    // a short text is not split twice, and one with fewer sentences than the budget is read whole
    assertThat(analyzer.budgeted("ROCm works.").text()).isEqualTo("ROCm works.");
    String medium = "CUDA is fine. ".repeat(150);
    assertThat(analyzer.budgeted(medium)).isEqualTo(new CoreNlpAnalyzer.Budgeted(medium, 150));
  }
}
