package io.moatwatch.prepare;

import io.moatwatch.prepare.clean.CleanText;
import io.moatwatch.prepare.topics.TopicSources;
import io.moatwatch.schema.Post;
import io.moatwatch.schema.Status;
import java.util.List;

/**
 * A post after cleaning and topic matching, before NLP.
 *
 * @param post         the post as read
 * @param clean        the text to score and what was dropped from it
 * @param sources      topics the post itself is about (its title, prose, code, links, quotes or community), each
 *                     with where it was found
 * @param threadTitleTopics topics of the thread title the export gives on the post ({@link Post#threadTitle()}):
 *                     inherited when no ancestor in the input has topics
 * @param day          UTC day of {@code createdAt}, {@code yyyy-MM-dd}: the output partition
 * @param status       {@link Status#PENDING} if it should be analysed, otherwise why not (the language is
 *                     detected later, {@link PostPreparer#language}, and may still make it {@code NOT_ENGLISH})
 * @param reason       why the post is not analysed, when that needs more than its status (or null): a kind,
 *                     then after {@code "; "} the details of this post (the manifest counts by kind)
 */
public record PreparedPost(Post post, CleanText clean, TopicSources sources, List<String> threadTitleTopics,
    String day, Status status, String reason) {
  public PreparedPost {
    threadTitleTopics = List.copyOf(threadTitleTopics);
  }

  /** The post's own topics, in topic order. */
  public List<String> directTopics() {
    return sources.topics();
  }
}
