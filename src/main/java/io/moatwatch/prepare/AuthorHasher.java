package io.moatwatch.prepare;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The privacy option ({@code --hash-authors KEYFILE}): author names become a keyed hash, {@code u_} and the first
 * 16 hex digits of HMAC-SHA256(key, name). The same name under the same key always gives the same value, so
 * authors can still be counted and followed across runs, but the name cannot be recovered or checked without
 * the key. Thread-safe and serializable (the key travels to executors with the read stage).
 */
public final class AuthorHasher implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private final byte[] key;

  public AuthorHasher(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the author key holds " + key.length + " bytes; use at least "
          + MIN_KEY_BYTES + " (e.g. head -c 32 /dev/urandom | base64 > author.key)");
    }
    this.key = key.clone();
  }

  /** Reads the key from a file (its bytes, without a trailing line break). */
  public static AuthorHasher fromKeyFile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    return new AuthorHasher(Arrays.copyOf(bytes, end));
  }

  /** The hashed name, or null for no author. */
  public String hash(String author) {
    if (author == null) {
      return null;
    }
    return "u_" + HexFormat.of().formatHex(hmac(author.getBytes(StandardCharsets.UTF_8)), 0, 8);
  }

  /**
   * A short value that identifies the key without revealing it (recorded in the manifest), so runs hashed with
   * different keys, whose author values do not match, can be told apart.
   */
  public String keyFingerprint() {
    return HexFormat.of().formatHex(hmac("moatwatch author key check".getBytes(StandardCharsets.UTF_8)), 0, 4);
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
