package io.moatwatch.analyse.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.CoreEntityMention;
import edu.stanford.nlp.pipeline.CoreSentence;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.trees.Tree;
import io.moatwatch.analyse.entities.EntityAttributes;
import io.moatwatch.analyse.entities.GazetteerRules;
import io.moatwatch.stats.SentimentMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.ejml.simple.SimpleMatrix;

/**
 * The one class in moatwatch that talks to Stanford CoreNLP.
 *
 * <p>Entities are CoreNLP's named mentions (PERSON, ORGANIZATION, LOCATION, MISC, and the fine-grained
 * classes when enabled) after the settings' gazetteer has been applied as RegexNER rules ({@link GazetteerRules}):
 * a gazetteer match carries its own type (HARDWARE, SOFTWARE, ...) and canonical name. Numeric and temporal
 * mentions are left out ({@link #NOT_ENTITIES}), and so are pronouns ({@link #PRONOUN_TAGS}) and device classes
 * CoreNLP mistakes for names ({@link #GENERIC_NOUNS}).
 *
 * <p>Building it loads the models (seconds, and a few GB of heap), so never build one per record or task:
 * get it from {@link Analyzers}, which keeps one per settings per JVM. {@link #analyse} is thread-safe:
 * {@link StanfordCoreNLP#annotate} keeps no per-document state in the pipeline (checked by
 * {@code CoreNlpAnalyzerIT}, which compares several threads with one).
 */
public final class CoreNlpAnalyzer {
  /** The CoreNLP version whose models the labels depend on. */
  public static final String CORENLP_VERSION = "4.5.10";

  private static final String MODELS_JAR = "stanford-corenlp-4.5.10-models.jar or moatwatch's trimmed models jar";

  /** Every model file the default NER (its three CRF models), the tagger and sentiment load. */
  private static final Map<String, String> REQUIRED_MODELS = Map.of(
      "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger", MODELS_JAR,
      "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz", MODELS_JAR,
      "edu/stanford/nlp/models/ner/english.muc.7class.distsim.crf.ser.gz", MODELS_JAR,
      "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz", MODELS_JAR,
      "edu/stanford/nlp/models/sentiment/sentiment.ser.gz", MODELS_JAR);

  /** The fine-grained NER's gazetteers: in the stock models jar only. */
  private static final Map<String, String> FINE_GRAINED_MODELS = Map.of(
      "edu/stanford/nlp/models/kbp/english/gazetteers/regexner_caseless.tab", "stanford-corenlp-4.5.10-models.jar",
      "edu/stanford/nlp/models/kbp/english/gazetteers/regexner_cased.tab", "stanford-corenlp-4.5.10-models.jar");

  /**
   * CoreNLP's numeric and temporal mention types. They say nothing about which products, companies or people
   * drive sentiment ("7900" tagged DURATION, "last quarter" DATE), so they are not reported as entities.
   */
  static final Set<String> NOT_ENTITIES =
      Set.of("NUMBER", "ORDINAL", "DATE", "TIME", "DURATION", "SET", "MONEY", "PERCENT");

  /**
   * The only types stock NER reports on its own, without a gazetteer or name rule: people and organisations.
   * Its LOCATION, MISC and fine-grained classes are outside moatwatch's taxonomy (docs/ENTITIES.md) and, in GPU
   * threads, mostly noise ("Brainfuck is Turing" as MISC, a star's name as a place).
   */
  static final Set<String> STOCK_TYPES = Set.of("PERSON", "ORGANIZATION");

  /** Part-of-speech tags of pronouns: "he", "his", "it", "who" name no product, company or person. */
  static final Set<String> PRONOUN_TAGS = Set.of("PRP", "PRP$", "WP", "WP$");

  /**
   * Device classes, not names: CoreNLP's statistical NER (trained on news) sometimes tags these as ORGANIZATION
   * in GPU threads ("the GPU", "an FPGA"). Dropped only when no gazetteer rule named the mention.
   */
  static final Set<String> GENERIC_NOUNS = Set.of("gpu", "gpus", "cpu", "cpus", "fpga", "fpgas", "asic", "asics",
      "tpu", "tpus", "npu", "npus", "apu", "apus", "vram");

  private final NlpSettings settings;
  private final StanfordCoreNLP pipeline;
  /** The gazetteer and name rules alone: read code blocks and log lines ({@link #codeEntities}). */
  private final NameFinder names;
  /** Tokenizer and sentence splitter only (no models): counts a text's sentences before the budget is applied. */
  private final StanfordCoreNLP splitter;

  CoreNlpAnalyzer(NlpSettings settings) {
    this.settings = settings;
    checkModels(settings);
    try (RuleFiles files = new RuleFiles()) {
      String mapping = files.gazetteer(settings);
      String rules = files.nameRules();
      this.pipeline = new StanfordCoreNLP(settings.toProperties(mapping, rules));
      this.names = new NameFinder(settings.rulesOnlyProperties(mapping, rules));
    }
    Properties split = settings.toProperties();
    split.setProperty("annotators", "tokenize,ssplit");
    this.splitter = new StanfordCoreNLP(split);
  }

  /**
   * Below this many characters a text cannot hold more sentences than any budget worth having needs, so it is
   * not split twice: the splitter only runs on texts of at least {@code budget * MIN_SENTENCE_CHARS} characters.
   */
  static final int MIN_SENTENCE_CHARS = 8;

  /**
   * The text the pipeline reads: {@code text} itself, or, when it has more sentences than the budget, the
   * budget's worth of them evenly spaced from the first (sentence {@code floor(i * n / budget)} for
   * {@code i < budget}), one per paragraph so that each stays one sentence. CoreNLP's sentiment and NER read
   * one sentence at a time, so each sampled sentence gets the scores it would get in the whole text.
   */
  record Budgeted(String text, int sentencesInText) {}

  Budgeted budgeted(String text) {
    int budget = settings.sentenceBudget();
    if (text.length() < (long) budget * MIN_SENTENCE_CHARS) {
      return new Budgeted(text, 0);
    }
    CoreDocument doc = new CoreDocument(text);
    splitter.annotate(doc);
    List<CoreSentence> all = doc.sentences();
    if (all.size() <= budget) {
      return new Budgeted(text, all.size());
    }
    StringBuilder sample = new StringBuilder();
    for (int i = 0; i < budget; i++) {
      CoreSentence s = all.get((int) ((long) i * all.size() / budget));
      sample.append(sample.length() == 0 ? "" : "\n\n").append(s.text().replace("\n\n", "\n"));
    }
    return new Budgeted(sample.toString(), all.size());
  }

  /**
   * The CoreNLP properties of the settings' pipeline, its gazetteer and name rules written where CoreNLP reads them;
   * the files stay until the JVM exits (for the benchmarks, which build their own pipelines from these).
   */
  @SuppressWarnings("resource") // kept open on purpose: the caller's pipeline reads the files later
  public static Properties pipelineProperties(NlpSettings settings) {
    RuleFiles files = new RuleFiles();
    return settings.toProperties(files.gazetteer(settings), files.nameRules());
  }

  public NlpSettings settings() {
    return settings;
  }

  /** Fails with a message naming the missing model and the jar that holds it, before any slow loading. */
  static void checkModels(NlpSettings settings) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = CoreNlpAnalyzer.class.getClassLoader();
    }
    List<String> missing = new ArrayList<>();
    Map<String, String> required = new TreeMap<>(REQUIRED_MODELS);
    if (settings.nerFineGrained()) {
      required.putAll(FINE_GRAINED_MODELS);
    }
    for (var e : required.entrySet()) {
      if (cl.getResource(e.getKey()) == null) {
        missing.add(e.getKey() + " (in " + e.getValue() + ")");
      }
    }
    if (cl.getResource(NlpSettings.model(settings.parser())) == null) {
      missing.add(NlpSettings.model(settings.parser()) + " (in " + NlpSettings.jar(settings.parser()) + ")");
    }
    if (!missing.isEmpty()) {
      throw new ModelMissingException("CoreNLP models missing from the classpath: " + String.join(", ", missing)
          + ". Put the models jars on the classpath (spark-submit --jars ..., or --driver-class-path in local"
          + " mode); jobs/run-local.sh does this for you.");
    }
  }

  /**
   * Annotates {@code text}: sentences with 5-class sentiment and probabilities, and named entities. A text with
   * more sentences than the settings' budget is analysed on a sample of them ({@link #budgeted}); the analysis
   * says how many the text has.
   */
  public Analysis analyse(String text) {
    Budgeted budgeted = budgeted(text);
    CoreDocument doc = new CoreDocument(budgeted.text());
    pipeline.annotate(doc);
    List<SentenceSentiment> sentences = new ArrayList<>();
    int index = 0;
    for (CoreSentence s : doc.sentences()) {
      int tokens = s.tokens().size();
      Tree tree = s.sentimentTree();
      if (tokens > settings.maxSentenceTokens() || tree == null) {
        sentences.add(new SentenceSentiment(index++, s.text(), tokens, -1, new double[0], 0.0, false));
        continue;
      }
      SimpleMatrix predictions = RNNCoreAnnotations.getPredictions(tree);
      double[] probs = new double[5];
      for (int i = 0; i < probs.length; i++) {
        probs[i] = predictions.get(i);
      }
      int cls = RNNCoreAnnotations.getPredictedClass(tree);
      sentences.add(new SentenceSentiment(index++, s.text(), tokens, cls, probs,
          SentimentMath.sentenceScore(probs), true));
    }
    List<EntityMention> entities = entities(doc, EntityMention.PROSE);
    return new Analysis(sentences, entities, null, budgeted.sentencesInText());
  }

  /**
   * {@link #analyse} of the prose, with the entities the gazetteer and the name rules find in {@code code} (the
   * post's code blocks and log lines, which CoreNLP's sentiment and statistical NER never read): they count for the
   * post's entities but belong to no sentence.
   */
  public Analysis analyse(String text, String code) {
    Analysis a = analyse(text);
    List<EntityMention> found = codeEntities(code);
    if (found.isEmpty()) {
      return a;
    }
    List<EntityMention> all = new ArrayList<>(a.entities());
    all.addAll(found);
    return new Analysis(a.sentences(), all, a.labelProbabilities(), a.sentencesInText(), a.stance());
  }

  /** What the gazetteer and the name rules alone find in code blocks and log lines (one sentence per line). */
  public List<EntityMention> codeEntities(String code) {
    return names.find(code);
  }

  /**
   * The entity mentions of an annotated document worth reporting, with their canonical names and attributes
   * (from the gazetteer's or the name rules' normalized tag; a mention stock NER found alone keeps its text).
   */
  static List<EntityMention> entities(CoreDocument doc, String foundIn) {
    List<EntityMention> entities = new ArrayList<>();
    for (CoreEntityMention m : doc.entityMentions()) {
      if (m.entityType() == null || NOT_ENTITIES.contains(m.entityType()) || "O".equals(m.entityType())) {
        continue;
      }
      Integer sentence = m.coreMap().get(CoreAnnotations.SentenceIndexAnnotation.class);
      // Only gazetteer and name rules set a normalized tag on the entity types kept here.
      String tag = m.coreMap().get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class);
      if (m.tokens().stream().allMatch(t -> t.tag() != null && PRONOUN_TAGS.contains(t.tag()))
          || tag == null && (!STOCK_TYPES.contains(m.entityType())
              || GENERIC_NOUNS.contains(m.text().toLowerCase(Locale.ROOT)))) {
        continue;
      }
      EntityAttributes.Tagged t = tag == null ? new EntityAttributes.Tagged(m.text(), Map.of())
          : EntityAttributes.untag(tag);
      entities.add(new EntityMention(m.text(), m.entityType(), t.canonical(), !EntityMention.PROSE.equals(foundIn)
          || sentence == null ? -1 : sentence, t.attributes(), foundIn));
    }
    return entities;
  }
}
