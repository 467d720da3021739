package io.moatwatch.threads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk up the parent links of {@link Threads#reconstructRoots} for a set of posts small enough to hold in
 * one JVM: the same answers as the walk in Spark SQL (one join per level), without a Spark job per level. For
 * every post with a parent it follows the links over the posts given, and settles at the topmost ancestor (a
 * post without parent, or an id not among them):
 * <ul>
 *   <li>{@code root}: the first thread id met on the way up (the post's own is not looked at), else the id
 *       the walk stopped at;
 *   <li>{@code depth}: the number of links followed;
 *   <li>{@code ancestorTopics}: the topics of the first ancestor met that has any, or null.
 * </ul>
 * A chain longer than {@code maxDepth} links (a cycle, say) stops after {@code maxDepth} steps with depth
 * {@code maxDepth + 1}, its root the first thread met or the id it would have looked up next, as the Spark walk
 * does.
 */
public final class ParentWalk {
  /** One post: its id, parent, thread (null when the export gives none) and topics (null when none). */
  public record Node(String id, String parent, String thread, List<String> topics) {}

  /** Where the walk up from one post ended. */
  public record Walked(String id, String root, int depth, List<String> ancestorTopics) {}

  private ParentWalk() {}

  /**
   * The walks of every node that has a parent. {@code nodes} hold one node per id (the first of several with
   * the same id is used).
   */
  public static List<Walked> walk(Collection<Node> nodes, int maxDepth) {
    Map<String, Node> byId = new HashMap<>(Math.max(16, nodes.size() * 2));
    for (Node n : nodes) {
      byId.putIfAbsent(n.id(), n);
    }
    List<Walked> out = new ArrayList<>();
    for (Node start : byId.values()) {
      if (start.parent() != null) {
        out.add(walkFrom(start, byId, maxDepth));
      }
    }
    return out;
  }

  private static Walked walkFrom(Node start, Map<String, Node> byId, int maxDepth) {
    String ptr = start.parent();
    String thread = null;
    List<String> topics = null;
    int depth = 1;
    for (int step = 0; step < maxDepth; step++) {
      Node up = byId.get(ptr);
      if (thread == null && up != null) {
        thread = up.thread();
      }
      if (topics == null && up != null) {
        topics = up.topics();
      }
      if (up == null || up.parent() == null) {
        return new Walked(start.id(), thread != null ? thread : ptr, depth, topics);
      }
      ptr = up.parent();
      depth++;
    }
    return new Walked(start.id(), thread != null ? thread : ptr, depth, topics);
  }
}
