package io.moatwatch.analyse.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory is checked on the driver before any work. The files here are small stand-ins for a model
 * (no ONNX Runtime is loaded: the checks read model.json and hash model.onnx); LabelModelIT loads the real one.
 */
class LabelModelSpecTest {
  @TempDir
  Path dir;

  private void write(String modelBytes, String json) throws Exception {
    Files.writeString(dir.resolve("model.onnx"), modelBytes, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tokenizer.json"), "{}", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("model.json"), json, StandardCharsets.UTF_8);
  }

  private static String meta(String name, String sha, String labels) {
    return "{\"name\": \"" + name + "\", \"format\": \"moatwatch-sentiment-onnx/1\", \"labels\": " + labels
        + ", \"max_tokens\": 128, \"model_sha256\": \"" + sha + "\"}";
  }

  @Test
  void aConsistentDirectoryGivesASpecWithTheModelsHashInItsSignature() throws Exception {
    String sha = LabelModelSpec.sha256("weights".getBytes(StandardCharsets.UTF_8));
    write("weights", meta("mine", sha, "[\"negative\", \"neutral\", \"positive\"]"));
    LabelModelSpec spec = LabelModelSpec.directory(dir);
    assertThat(spec.name()).isEqualTo("mine");
    assertThat(spec.maxTokens()).isEqualTo(128);
    assertThat(spec.isBuiltin()).isFalse();
    assertThat(spec.location()).isEqualTo(dir.toAbsolutePath().toString());
    assertThat(spec.signature()).isEqualTo("labels=mine@" + sha.substring(0, 12));
  }

  @Test
  void aModelFileThatIsNotTheOneDescribedIsRefusedWithBothHashes() throws Exception {
    String other = LabelModelSpec.sha256("other".getBytes(StandardCharsets.UTF_8));
    write("weights", meta("mine", other, "[\"negative\", \"neutral\", \"positive\"]"));
    assertThatThrownBy(() -> LabelModelSpec.directory(dir)).isInstanceOf(LabelModelException.class)
        .hasMessageContaining(dir.resolve("model.onnx") + " has SHA-256 "
            + LabelModelSpec.sha256("weights".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("describes " + other);
  }

  @Test
  void labelsInAnotherOrderAreRefused() throws Exception {
    String sha = LabelModelSpec.sha256("weights".getBytes(StandardCharsets.UTF_8));
    write("weights", meta("mine", sha, "[\"positive\", \"neutral\", \"negative\"]"));
    assertThatThrownBy(() -> LabelModelSpec.directory(dir))
        .hasMessageEndingWith("labels are [positive, neutral, negative], expected [negative, neutral, positive]");
  }

  @Test
  void missingFilesAndDirectoriesAreNamed() throws Exception {
    assertThatThrownBy(() -> LabelModelSpec.directory(dir.resolve("nope")))
        .hasMessageStartingWith(dir.resolve("nope") + " is not a directory");
    assertThatThrownBy(() -> LabelModelSpec.directory(dir))
        .hasMessageStartingWith("cannot read " + dir.resolve("model.json") + ": no such file");
    Files.writeString(dir.resolve("model.json"), "{not json", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LabelModelSpec.directory(dir))
        .hasMessageStartingWith(dir.resolve("model.json") + " is not valid JSON");
  }

  private static String withStance(String sha, String marks) {
    return "{\"name\": \"mine\", \"format\": \"moatwatch-sentiment-onnx/1\", \"labels\": [\"negative\","
        + " \"neutral\", \"positive\"], \"model_sha256\": \"" + sha + "\", \"stance\": {\"input\": \"segment\","
        + " \"output\": \"stance_probabilities\", \"targets\": [\"cuda\", \"rocm\"]" + marks + "}}";
  }

  /** model.json's {@code key} block of name patterns (marks or mentions), ROCm found by {@code rocmNames}. */
  private static String patterns(String key, String rocmNames) {
    return "\"" + key + "\": {\"open\": \"<<\", \"close\": \">>\", \"template\":"
        + " \"(?i)(?<![A-Za-z0-9_])(?:{names})(?![A-Za-z_])\", \"names\": {\"rocm\": [" + rocmNames + "]}}";
  }

  @Test
  void stanceMarksAreReadFromModelJsonAndABadPatternNamesTheFile() throws Exception {
    String sha = LabelModelSpec.sha256("weights".getBytes(StandardCharsets.UTF_8));
    write("weights", withStance(sha, ""));
    assertThat(LabelModelSpec.directory(dir).stance().marks()).isNull();
    write("weights", withStance(sha, ", " + patterns("marks", "\"rocm\", \"amd\"")));
    StanceMarks marks = LabelModelSpec.directory(dir).stance().marks();
    assertThat(marks.mark("rocm", "AMD, not ROCm")).isEqualTo("AMD, not <<ROCm>>");
    assertThat(marks.mark("cuda", "CUDA and cudart")).isEqualTo("<<CUDA>> and cudart");
    write("weights", withStance(sha, ", " + patterns("marks", "\"rocm(\"")));
    assertThatThrownBy(() -> LabelModelSpec.directory(dir)).isInstanceOf(LabelModelException.class)
        .hasMessageStartingWith(dir.resolve("model.json") + ": a stance marks pattern does not compile: rocm(");
  }

  @Test
  void aStancePooledOverMentionsNeedsItsInputAndPatterns() throws Exception {
    String sha = LabelModelSpec.sha256("weights".getBytes(StandardCharsets.UTF_8));
    write("weights", withStance(sha, ""));
    assertThat(LabelModelSpec.directory(dir).stance().mentions()).isNull();
    String patterns = patterns("mentions", "\"rocm\", \"amd\"");
    write("weights", withStance(sha, ", \"pool\": \"mention\", \"mention_input\": \"mention_mask\", " + patterns));
    LabelModelSpec.Stance stance = LabelModelSpec.directory(dir).stance();
    assertThat(stance.marks()).isNull();
    assertThat(StanceMarks.spans(stance.mentions().patterns("rocm"), "AMD, not ROCm")).containsExactly(new int[] {9, 13});
    write("weights", withStance(sha, ", \"pool\": \"mention\", " + patterns));
    assertThatThrownBy(() -> LabelModelSpec.directory(dir)).isInstanceOf(LabelModelException.class)
        .hasMessageStartingWith(dir.resolve("model.json") + ": a stance pooled over mentions needs mention_input");
    write("weights", withStance(sha, ", \"pool\": \"max\""));
    assertThatThrownBy(() -> LabelModelSpec.directory(dir)).isInstanceOf(LabelModelException.class)
        .hasMessage(dir.resolve("model.json") + ": stance pool must be \"mean\" or \"mention\", got \"max\"");
  }

  @Test
  void theShippedModelIsOnTheClasspathAndMatchesItsDescription() {
    LabelModelSpec spec = LabelModelSpec.builtin();
    assertThat(spec.isBuiltin()).isTrue();
    assertThat(spec.name()).isEqualTo("sentiment");
    assertThat(spec.signature()).startsWith("labels=sentiment@");
  }
}
