package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which word pieces of a stance pair a model trained with {@code --stance-pool mention} reads as the target's
 * mentions ({@link LabelModel#mentionMask}): first on hand-made pieces, then on the shipped tokenizer's real ones
 * (DJL, as the job runs it), where the characters of a pair's second segment count from the text's own start.
 */
class MentionMaskTest {
  private static final Pattern ROCM = Pattern.compile("(?i)(?<![A-Za-z0-9_])(?:rocm)(?![A-Za-z_])");

  @Test
  void piecesOfTheTextThatOverlapAMentionAreFlagged() {
    // [CLS] rocm [SEP] | cuda works , roc ##m hell [SEP]: the text "cuda works, rocm hell", ROCm at 12..16
    long[] types = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
    CharSpan[] pieces = {null, new CharSpan(0, 4), null, new CharSpan(0, 4), new CharSpan(5, 10),
        new CharSpan(10, 11), new CharSpan(12, 15), new CharSpan(15, 16), new CharSpan(17, 21), new CharSpan(0, 0)};
    assertThat(LabelModel.mentionMask(types, pieces, List.of(new int[] {12, 16})))
        .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 0, 0);
  }

  @Test
  void aTextThatNamesTheTargetNowhereFallsBackToTheTargetsOwnSegment() {
    long[] types = {0, 0, 0, 1, 1, 1};
    CharSpan[] pieces = {null, new CharSpan(0, 4), null, new CharSpan(0, 4), new CharSpan(5, 10), null};
    assertThat(LabelModel.mentionMask(types, pieces, List.of())).containsExactly(1, 1, 1, 0, 0, 0);
    // a mention the cut removed (beyond the last piece) is no mention either
    assertThat(LabelModel.mentionMask(types, pieces, List.of(new int[] {40, 44}))).containsExactly(1, 1, 1, 0, 0, 0);
  }

  @Test
  void theShippedTokenizerFlagsTheMentionsPiecesOnly() throws Exception {
    byte[] json = ModelFiles.builtin().read(ModelFiles.TOKENIZER);
    try (HuggingFaceTokenizer pairs = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
        Map.of("maxLength", "64", "truncation", "only_second", "padding", "false", "addSpecialTokens", "true"))) {
      String text = "CUDA just works, ROCm has been hell; rocm6.2 too.";
      Encoding enc = pairs.encode("rocm", text);
      long[] mask = LabelModel.mentionMask(enc.getTypeIds(), enc.getCharTokenSpans(),
          StanceMarks.spans(List.of(ROCM), text));
      List<String> flagged = new ArrayList<>();
      for (int i = 0; i < mask.length; i++) {
        if (mask[i] == 1) {
          flagged.add(enc.getTokens()[i]);
        }
      }
      assertThat(flagged).containsExactly("roc", "##m", "roc", "##m");
    }
  }
}
