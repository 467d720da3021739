package io.moatwatch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.threads.ParentWalk.Node;
import io.moatwatch.threads.ParentWalk.Walked;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk up the parent links in one task; ThreadsIT checks it gives what the walk in Spark SQL gives. */
class ParentWalkTest {
  private static Map<String, Walked> walk(int maxDepth, Node... nodes) {
    Map<String, Walked> out = new HashMap<>();
    for (Walked w : ParentWalk.walk(List.of(nodes), maxDepth)) {
      assertThat(out.put(w.id(), w)).as("one walk per post").isNull();
    }
    return out;
  }

  @Test
  void aChainEndsAtItsTopmostAncestorWithTheFirstThreadAndTopicsMetOnTheWay() {
    Map<String, Walked> out = walk(200,
        new Node("1", null, "1", List.of("ROCm")),
        new Node("2", "1", null, null),
        new Node("3", "2", null, List.of("CUDA")),
        new Node("4", "3", null, null));
    assertThat(out).doesNotContainKey("1"); // no parent: nothing to walk
    assertThat(out.get("2")).isEqualTo(new Walked("2", "1", 1, List.of("ROCm")));
    assertThat(out.get("4")).isEqualTo(new Walked("4", "1", 3, List.of("CUDA")));
  }

  @Test
  void aParentMissingFromTheInputIsTheTopAndTheRootUnlessAThreadWasMetBelowIt() {
    Map<String, Walked> out = walk(200,
        new Node("12", "11", null, null),
        new Node("13", "12", null, null),
        new Node("22", "21", "20", null),
        new Node("23", "22", null, null));
    assertThat(out.get("12")).isEqualTo(new Walked("12", "11", 1, null));
    assertThat(out.get("13")).isEqualTo(new Walked("13", "11", 2, null));
    // 23's parent names thread 20: the first thread met wins over the missing 21
    assertThat(out.get("23")).isEqualTo(new Walked("23", "20", 2, null));
    // a post's own thread is not looked at (the caller keeps it)
    assertThat(out.get("22")).isEqualTo(new Walked("22", "21", 1, null));
  }

  @Test
  void aCycleStopsAfterMaxDepthStepsAsTheSparkWalkDoes() {
    Map<String, Walked> out = walk(5,
        new Node("a", "b", null, null),
        new Node("b", "a", null, List.of("tinygrad")));
    // a -> b -> a -> b -> a -> b: five looks, then depth 6 and the id it would look up next
    assertThat(out.get("a")).isEqualTo(new Walked("a", "a", 6, List.of("tinygrad")));
    assertThat(out.get("b")).isEqualTo(new Walked("b", "b", 6, List.of("tinygrad")));
  }

  @Test
  void theFirstNodeOfAnIdIsTheOneWalkedOver() {
    Map<String, Walked> out = walk(200,
        new Node("1", null, "1", List.of("ROCm")),
        new Node("1", "0", null, null),
        new Node("2", "1", null, null));
    assertThat(out.get("2")).isEqualTo(new Walked("2", "1", 1, List.of("ROCm")));
    assertThat(out).doesNotContainKey("1");
  }
}
