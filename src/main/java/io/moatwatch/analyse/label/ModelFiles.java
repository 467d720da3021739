package io.moatwatch.analyse.label;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a label model's three files are read from: {@code model.onnx}, {@code tokenizer.json} and
 * {@code model.json} (written by {@code training/train_sentiment.py}), either a directory or the shipped model
 * on the classpath ({@link #BUILTIN_RESOURCE}, inside the application jar).
 */
final class ModelFiles {
  /** The classpath folder of the shipped model (models/sentiment in the repository). */
  static final String BUILTIN_RESOURCE = "io/moatwatch/analyse/label/sentiment/";
  static final String MODEL = "model.onnx";
  static final String TOKENIZER = "tokenizer.json";
  static final String METADATA = "model.json";

  private final Path directory;

  private ModelFiles(Path directory) {
    this.directory = directory;
  }

  static ModelFiles builtin() {
    return new ModelFiles(null);
  }

  static ModelFiles directory(Path dir) {
    return new ModelFiles(dir);
  }

  /** The whole file. */
  byte[] read(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new LabelModelException("cannot read " + describe(name) + ": " + e.getMessage(), e);
    }
  }

  String describe(String name) {
    return directory == null ? "the shipped label model's " + name + " (classpath " + BUILTIN_RESOURCE + name + ")"
        : directory.resolve(name).toString();
  }

  private InputStream open(String name) throws IOException {
    if (directory != null) {
      try {
        return Files.newInputStream(directory.resolve(name));
      } catch (NoSuchFileException e) {
        throw new IOException("no such file (a label model directory holds model.onnx, tokenizer.json and"
            + " model.json, as training/train_sentiment.py writes them)", e);
      }
    }
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    InputStream in = (cl == null ? ModelFiles.class.getClassLoader() : cl).getResourceAsStream(BUILTIN_RESOURCE + name);
    if (in == null) {
      in = ModelFiles.class.getClassLoader().getResourceAsStream(BUILTIN_RESOURCE + name);
    }
    if (in == null) {
      throw new IOException("not on the classpath (the application jar carries it; a build without"
          + " src/main/resources from models/ does not)");
    }
    return in;
  }
}
