package io.moatwatch.bench;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.moatwatch.analyse.corenlp.CoreNlpAnalyzer;
import io.moatwatch.analyse.corenlp.NlpSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What the entity rules cost inside CoreNLP's {@code ner} annotator (BENCHMARKS.md, "The entity rules' cost"): the
 * job's tokenizer, splitter, tagger, lemmatizer and NER over the same texts, on one thread, three ways: stock NER
 * alone, with the gazetteer's mappings, and with the gazetteer and the name rules (the job's default). Each way
 * annotates the texts twice and reports the second pass (the first warms the JIT); prints one line per way with
 * seconds and the entity mentions found.
 *
 * <p>Usage: {@code NerCost TEXTS_JSONL} (the plain strings {@link BenchCorpus} writes)
 */
public final class NerCost {
  private NerCost() {}

  public static void main(String[] args) throws Exception {
    List<String> texts = BenchCorpus.readTexts(Path.of(args[0]));
    Properties job = CoreNlpAnalyzer.pipelineProperties(NlpSettings.DEFAULTS);
    job.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
    Properties gazetteer = (Properties) job.clone();
    gazetteer.remove("ner.additional.tokensregex.rules");
    Properties stock = (Properties) gazetteer.clone();
    stock.remove("ner.additional.regexner.mapping");
    System.out.printf(Locale.ROOT, "%-28s %8s %9s%n", "NER over " + texts.size() + " texts", "seconds", "mentions");
    measure("stock NER", stock, texts);
    measure("+ gazetteer", gazetteer, texts);
    measure("+ gazetteer + name rules", job, texts);
  }

  private static void measure(String name, Properties properties, List<String> texts) {
    StanfordCoreNLP pipeline = new StanfordCoreNLP(properties);
    double seconds = 0;
    int mentions = 0;
    for (int pass = 0; pass < 2; pass++) {
      long t = System.nanoTime();
      mentions = 0;
      for (String text : texts) {
        CoreDocument doc = new CoreDocument(text);
        pipeline.annotate(doc);
        mentions += doc.entityMentions().size();
      }
      seconds = (System.nanoTime() - t) / 1e9;
    }
    System.out.printf(Locale.ROOT, "%-28s %8.1f %9d%n", name, seconds, mentions);
  }
}
