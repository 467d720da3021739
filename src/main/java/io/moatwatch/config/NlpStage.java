package io.moatwatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * How the NLP stage runs: CoreNLP's pipeline choices, the entity rules' files, and the stage's limits.
 *
 * @param parser            the constituency parser whose binarized trees the sentiment model reads
 * @param maxSentenceTokens sentences longer than this are not parsed and not scored
 * @param ner               CoreNLP's NER classes
 * @param dates             whether NER recognises dates and times (SUTime)
 * @param gazetteerFiles    the gazetteer files, in order ({@code builtin:gpu} is the shipped one); empty for none
 * @param sentenceBudget    sentences analysed at most per post (a longer post: this many, evenly spaced)
 * @param maxPostSeconds    time limit per post (0: none); posts over it are {@code timed_out}
 * @param partitions        partitions of the stage (0: twice Spark's default parallelism)
 * @param cache             whether the annotation cache beside the output is read and extended
 */
public record NlpStage(Parser parser, int maxSentenceTokens, NerClasses ner, Dates dates, List<String> gazetteerFiles,
    int sentenceBudget, double maxPostSeconds, int partitions, Caching cache) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The default sentence budget: a 30 kB long-form post has about 250 sentences. */
  public static final int DEFAULT_SENTENCE_BUDGET = 200;
  public static final int DEFAULT_MAX_SENTENCE_TOKENS = 80;

  /** Shift-reduce (about 3x faster) or PCFG. */
  public enum Parser {
    SR, PCFG
  }

  /** CoreNLP's coarse NER classes, or its fine-grained ones (slow). */
  public enum NerClasses {
    COARSE, FINE
  }

  /** Whether NER recognises dates and times with SUTime (slow). */
  public enum Dates {
    OFF, SUTIME
  }

  /** Whether the annotation cache is read and extended. */
  public enum Caching {
    ON, OFF
  }

  public NlpStage {
    InvalidSetting.require(parser != null && ner != null && dates != null && cache != null, "parser",
        "parser, NER classes, dates and caching must all be given");
    InvalidSetting.require(maxSentenceTokens >= 1, "maxSentenceTokens", "must be at least 1, got " + maxSentenceTokens);
    InvalidSetting.require(sentenceBudget >= 1, "sentenceBudget", "must be at least 1, got " + sentenceBudget);
    InvalidSetting.require(maxPostSeconds >= 0 && !Double.isNaN(maxPostSeconds), "maxPostSeconds",
        "must be 0 (no limit) or more, got " + maxPostSeconds);
    InvalidSetting.require(partitions >= 0, "partitions", "must be 0 or more, got " + partitions);
    gazetteerFiles = List.copyOf(gazetteerFiles);
  }

  public boolean caches() {
    return cache == Caching.ON;
  }
}
