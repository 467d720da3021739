package io.moatwatch.nlp;

/**
 * A named entity CoreNLP found.
 *
 * @param text          the words as written
 * @param type          CoreNLP's type: PERSON, ORGANIZATION, LOCATION, MISC, ...
 * @param sentenceIndex the sentence it is in
 */
public record EntityMention(String text, String type, int sentenceIndex) {}
