package io.moatwatch.evaluate;



/**
 * One labelled text of an evaluation set.
 *
 * @param id    the set's own id, or the line/position
 * @param text  the text as distributed
 * @param gold  the gold label in the set's label space (see {@link LabelledSet.Space})
 */
public record LabelledItem(String id, String text, String gold) {}
