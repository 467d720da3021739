package io.moatwatch.analyse.corenlp;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.List;
import java.util.Properties;

/**
 * The gazetteer and the name rules alone, without CoreNLP's statistical models: how moatwatch reads names in code
 * blocks, log lines and shell output, which are not sentences (docs/ENTITIES.md, "Where names are found"). Every
 * line is a sentence; the gazetteer's aliases then the name rules (NameRules) tag the tokens; entity mentions are
 * built from the tags. Cheap to build (no model files) and thread-safe like any StanfordCoreNLP pipeline;
 * {@link CoreNlpAnalyzer} keeps one, and it can be built alone for the rules' tests.
 */
public final class NameFinder {
  private final StanfordCoreNLP pipeline;

  NameFinder(Properties properties) {
    this.pipeline = new StanfordCoreNLP(properties);
  }

  /** A finder for {@code settings}' gazetteer and the shipped name rules. */
  public static NameFinder of(NlpSettings settings) {
    try (RuleFiles files = new RuleFiles()) {
      return new NameFinder(settings.rulesOnlyProperties(files.gazetteer(settings), files.nameRules()));
    }
  }

  /** The entities in {@code text} (found in code: {@link EntityMention#CODE}, sentence -1). */
  public List<EntityMention> find(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    CoreDocument doc = new CoreDocument(text);
    pipeline.annotate(doc);
    return CoreNlpAnalyzer.entities(doc, EntityMention.CODE);
  }
}
