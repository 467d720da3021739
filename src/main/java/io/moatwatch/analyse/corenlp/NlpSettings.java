package io.moatwatch.analyse.corenlp;

import io.moatwatch.analyse.entities.Gazetteer;
import io.moatwatch.analyse.entities.GazetteerException;
import io.moatwatch.analyse.entities.GazetteerFile;
import io.moatwatch.analyse.entities.GazetteerRules;
import io.moatwatch.analyse.entities.NameRules;
import io.moatwatch.config.NlpStage.Dates;
import io.moatwatch.config.NlpStage.NerClasses;
import io.moatwatch.config.NlpStage.Parser;
import io.moatwatch.config.NlpStage;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The settings that decide which CoreNLP pipeline is built: the run's {@link NlpStage} choices with the loaded
 * gazetteer. Immutable and serializable: this small object is what crosses from the driver to the executors,
 * never the pipeline itself. Two equal settings share one pipeline per JVM ({@link Analyzers});
 * {@link #signature()} is recorded in the output so results from different pipelines are never mixed up silently.
 *
 * @param parser             {@link Parser#SR} (shift-reduce, default, ~3x faster) or {@link Parser#PCFG}
 * @param maxSentenceTokens  sentences longer than this are not parsed and not scored ({@code parse.maxlen})
 * @param ner                CoreNLP's coarse NER classes, or the fine-grained ones (slow)
 * @param dates              SUTime date/time recognition inside NER (slow; off by default)
 * @param gazetteer          domain entities applied as CoreNLP RegexNER rules after the statistical NER
 * @param sentenceBudget     sentences analysed at most per post: a longer post is analysed on this many of its
 *                           sentences, evenly spaced from the first ({@link CoreNlpAnalyzer#analyse})
 */
public record NlpSettings(Parser parser, int maxSentenceTokens, NerClasses ner, Dates dates, Gazetteer gazetteer,
    int sentenceBudget) implements Serializable {

  /** Settings with the default sentence budget. */
  public NlpSettings(Parser parser, int maxSentenceTokens, NerClasses ner, Dates dates, Gazetteer gazetteer) {
    this(parser, maxSentenceTokens, ner, dates, gazetteer, NlpStage.DEFAULT_SENTENCE_BUDGET);
  }

  /** The pipeline a run's NLP stage settings ask for, with its gazetteer loaded. */
  public static NlpSettings of(NlpStage stage, Gazetteer gazetteer) {
    return new NlpSettings(stage.parser(), stage.maxSentenceTokens(), stage.ner(), stage.dates(), gazetteer,
        stage.sentenceBudget());
  }

  /** The parser's model file on the classpath. */
  static String model(Parser parser) {
    return switch (parser) {
      case SR -> "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
      case PCFG -> "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz";
    };
  }

  /** The jar that holds the parser's model, for the message when it is missing. */
  static String jar(Parser parser) {
    return switch (parser) {
      case SR -> "stanford-corenlp-4.5.10-models-english.jar or moatwatch's trimmed models jar";
      case PCFG -> "stanford-corenlp-4.5.10-models.jar or moatwatch's trimmed models jar";
    };
  }

  /** Shift-reduce parser, 80-token sentences, coarse NER without SUTime, the built-in gazetteer. */
  public static final NlpSettings DEFAULTS = new NlpSettings(Parser.SR, NlpStage.DEFAULT_MAX_SENTENCE_TOKENS,
      NerClasses.COARSE, Dates.OFF, builtinGazetteer());

  public NlpSettings {
    if (maxSentenceTokens < 1) {
      throw new IllegalArgumentException("max sentence tokens must be at least 1, got " + maxSentenceTokens);
    }
    if (sentenceBudget < 1) {
      throw new IllegalArgumentException("sentence budget must be at least 1, got " + sentenceBudget);
    }
    if (gazetteer == null) {
      throw new IllegalArgumentException("gazetteer must not be null (use Gazetteer.EMPTY for none)");
    }
  }

  public boolean nerFineGrained() {
    return ner == NerClasses.FINE;
  }

  public boolean sutime() {
    return dates == Dates.SUTIME;
  }

  private static Gazetteer builtinGazetteer() {
    try {
      return GazetteerFile.load(List.of(GazetteerFile.BUILTIN));
    } catch (GazetteerException e) {
      throw new IllegalStateException("the built-in gazetteer is broken: " + e.getMessage(), e);
    }
  }

  /**
   * The version of the job's own rules on CoreNLP's mentions (which are not entities: numbers and dates since 1,
   * pronouns and device classes since 2; attributes, the name rules and code entities since 3); part of the
   * signature with the name rules' fingerprint, so cached analyses made under older rules are not reused.
   */
  static final int ENTITY_RULES = 3;

  /** The CoreNLP properties for this pipeline. */
  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,parse,sentiment");
    p.setProperty("tokenize.language", "en");
    // Two newlines (our paragraph breaks) end a sentence; single newlines inside a paragraph do not.
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");
    p.setProperty("parse.model", model(parser));
    p.setProperty("parse.maxlen", Integer.toString(maxSentenceTokens));
    // The sentiment model reads binarized trees.
    p.setProperty("parse.binaryTrees", "true");
    p.setProperty("pos.maxlen", Integer.toString(Math.max(maxSentenceTokens * 2, 200)));
    p.setProperty("ner.applyFineGrained", Boolean.toString(nerFineGrained()));
    p.setProperty("ner.useSUTime", Boolean.toString(sutime()));
    p.setProperty("ner.buildEntityMentions", "true");
    return p;
  }

  /**
   * The CoreNLP properties with the gazetteer's rules read from {@code mappingFile} (see GazetteerRules, null for
   * none) and the name rules from {@code rulesFile} (see NameRules), both run inside NER after its models.
   */
  Properties toProperties(String mappingFile, String rulesFile) {
    Properties p = toProperties();
    if (mappingFile != null) {
      p.setProperty("ner.additional.regexner.mapping", mappingFile);
      p.setProperty("ner.additional.regexner.mapping.header", GazetteerRules.HEADER);
    }
    p.setProperty("ner.additional.tokensregex.rules", rulesFile);
    return p;
  }

  /**
   * The pipeline that reads code blocks and log lines: the tokenizer, every line a sentence, then the gazetteer and
   * the name rules alone (no statistical NER, which was trained on prose), then the entity mentions.
   */
  Properties rulesOnlyProperties(String mappingFile, String rulesFile) {
    Properties p = new Properties();
    p.setProperty("annotators", mappingFile == null ? "tokenize,ssplit,tokensregex,entitymentions"
        : "tokenize,ssplit,regexner,tokensregex,entitymentions");
    p.setProperty("enforceRequirements", "false");
    p.setProperty("tokenize.language", "en");
    p.setProperty("ssplit.newlineIsSentenceBreak", "always");
    // As NER sees words (it re-joins them), so the gazetteer's "rocm-smi" is one token here too.
    p.setProperty("tokenize.options", "splitHyphenated=false,invertible");
    if (mappingFile != null) {
      p.setProperty("regexner.mapping", mappingFile);
      p.setProperty("regexner.mapping.header", GazetteerRules.HEADER);
    }
    p.setProperty("tokensregex.rules", rulesFile);
    return p;
  }

  /**
   * A short stable description, e.g.
   * {@code corenlp-4.5.10/sr/maxlen=80/ner=coarse/sutime=off/gaz=1a2b3c4d/ents=3-5e6f7a8b/sents=200}
   * ({@code gaz=} a fingerprint of the gazetteer's content, {@code gaz=none} without one; {@code ents=} the version
   * of the entity rules and a fingerprint of the name rules).
   */
  public String signature() {
    return "corenlp-" + CoreNlpAnalyzer.CORENLP_VERSION + "/" + parser.name().toLowerCase(Locale.ROOT)
        + "/maxlen=" + maxSentenceTokens + "/ner=" + (nerFineGrained() ? "fine" : "coarse")
        + "/sutime=" + (sutime() ? "on" : "off")
        + "/gaz=" + (gazetteer.entries().isEmpty() ? "none" : gazetteer.fingerprint()) + "/ents=" + ENTITY_RULES
        + "-" + NameRules.fingerprint()
        + "/sents=" + sentenceBudget;
  }
}
