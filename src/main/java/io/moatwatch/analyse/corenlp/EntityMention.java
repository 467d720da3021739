package io.moatwatch.analyse.corenlp;



/**
 * A named entity CoreNLP found.
 *
 * @param text          the words as written
 * @param type          the gazetteer's type (HARDWARE, SOFTWARE, ORGANIZATION, PERSON, ...) where a gazetteer
 *                      rule matched, else CoreNLP's: PERSON, ORGANIZATION, LOCATION, MISC, ...
 * @param canonical     the gazetteer's canonical name ("AMD" for "Team Red"), else the text itself
 * @param sentenceIndex the sentence it is in
 */
public record EntityMention(String text, String type, String canonical, int sentenceIndex) {}
