package io.moatwatch.nlp;

import java.io.Serializable;
import java.util.Locale;
import java.util.Properties;

/**
 * The settings that decide which CoreNLP pipeline is built. Immutable and serializable: this small object is
 * what crosses from the driver to the executors, never the pipeline itself. Two equal settings share one
 * pipeline per JVM ({@link Analyzers}); {@link #signature()} is recorded in the output so results from
 * different pipelines are never mixed up silently.
 *
 * @param parser             {@link Parser#SR} (shift-reduce, default, ~3x faster) or {@link Parser#PCFG}
 * @param maxSentenceTokens  sentences longer than this are not parsed and not scored ({@code parse.maxlen})
 * @param nerFineGrained     CoreNLP's fine-grained NER classes (slow; off by default)
 * @param sutime             SUTime date/time recognition inside NER (slow; off by default)
 */
public record NlpSettings(Parser parser, int maxSentenceTokens, boolean nerFineGrained, boolean sutime)
    implements Serializable {

  /** The constituency parser whose binarized trees the sentiment model reads. */
  public enum Parser {
    SR("edu/stanford/nlp/models/srparser/englishSR.ser.gz",
        "stanford-corenlp-4.5.10-models-english.jar"),
    PCFG("edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz", "stanford-corenlp-4.5.10-models.jar");

    final String model;
    final String jar;

    Parser(String model, String jar) {
      this.model = model;
      this.jar = jar;
    }

    public static Parser parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown parser '" + s + "' (expected sr or pcfg)");
      }
    }
  }

  public static final NlpSettings DEFAULTS = new NlpSettings(Parser.SR, 80, false, false);

  public NlpSettings {
    if (maxSentenceTokens < 1) {
      throw new IllegalArgumentException("max sentence tokens must be at least 1, got " + maxSentenceTokens);
    }
  }

  /** The CoreNLP properties for this pipeline. */
  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,parse,sentiment");
    p.setProperty("tokenize.language", "en");
    // Two newlines (our paragraph breaks) end a sentence; single newlines inside a paragraph do not.
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");
    p.setProperty("parse.model", parser.model);
    p.setProperty("parse.maxlen", Integer.toString(maxSentenceTokens));
    // The sentiment model reads binarized trees.
    p.setProperty("parse.binaryTrees", "true");
    p.setProperty("pos.maxlen", Integer.toString(Math.max(maxSentenceTokens * 2, 200)));
    p.setProperty("ner.applyFineGrained", Boolean.toString(nerFineGrained));
    p.setProperty("ner.useSUTime", Boolean.toString(sutime));
    p.setProperty("ner.buildEntityMentions", "true");
    return p;
  }

  /** A short stable description, e.g. {@code corenlp-4.5.10/sr/maxlen=80/ner=coarse/sutime=off}. */
  public String signature() {
    return "corenlp-" + CoreNlpAnalyzer.CORENLP_VERSION + "/" + parser.name().toLowerCase(Locale.ROOT)
        + "/maxlen=" + maxSentenceTokens + "/ner=" + (nerFineGrained ? "fine" : "coarse")
        + "/sutime=" + (sutime ? "on" : "off");
  }
}
