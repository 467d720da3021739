package io.moatwatch.analyse.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The name rules shipped with moatwatch (gpu-names.rules beside the built-in gazetteer, docs/ENTITIES.md, "Names by
 * rule"): CoreNLP TokensRegex rules that recognise names coming in families (GPU and accelerator models, GPU
 * targets, architectures, versions) and normalise every spelling to one canonical name with its attributes. The
 * rules are data; this class only finds them and fingerprints them for the pipeline signature, so a changed rule
 * never reuses analyses made under the old one.
 */
public final class NameRules {
  /** The rules file on the classpath. */
  public static final String RESOURCE = "/io/moatwatch/analyse/entities/gpu-names.rules";
  private static final String TEXT = read();

  private NameRules() {}

  /** The rules file's text. */
  public static String text() {
    return TEXT;
  }

  /** A short content fingerprint, hex. */
  public static String fingerprint() {
    return String.format(Locale.ROOT, "%08x", TEXT.hashCode());
  }

  private static String read() {
    try (InputStream in = NameRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the name rules " + RESOURCE + " are missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the name rules " + RESOURCE, e);
    }
  }
}
