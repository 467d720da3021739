package io.moatwatch.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorHasherTest {
  private static final byte[] KEY = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

  @Test
  void sameNameSameKeySameValueAndTheNameIsGone() {
    AuthorHasher h = new AuthorHasher(KEY);
    assertThat(h.hash("geohot")).matches("u_[0-9a-f]{16}").isEqualTo(h.hash("geohot")).doesNotContain("geohot");
    assertThat(h.hash("geohot")).isNotEqualTo(h.hash("Geohot"));
    assertThat(h.hash(null)).isNull();
    AuthorHasher other = new AuthorHasher("another key of 16+ bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(other.hash("geohot")).isNotEqualTo(h.hash("geohot"));
    assertThat(other.keyFingerprint()).isNotEqualTo(h.keyFingerprint()).matches("[0-9a-f]{8}");
  }

  @Test
  void knownAnswerForHmacSha256() {
    // printf alice | openssl dgst -sha256 -hmac 0123456789abcdef0123, first 8 bytes: an independent HMAC.
    assertThat(new AuthorHasher(KEY).hash("alice")).isEqualTo("u_" + OPENSSL_ALICE);
  }

  private static final String OPENSSL_ALICE = "008325136b33f987";

  @Test
  void keyFileWithoutTheLineBreakAndTooShortKeysRefused(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("k"), "0123456789abcdef0123\n".getBytes(StandardCharsets.UTF_8));
    assertThat(AuthorHasher.fromKeyFile(file).hash("alice")).isEqualTo(new AuthorHasher(KEY).hash("alice"));
    Path shortKey = Files.writeString(dir.resolve("s"), "short\n");
    assertThatThrownBy(() -> AuthorHasher.fromKeyFile(shortKey))
        .hasMessage("the author key holds 5 bytes; use at least 16 (e.g. head -c 32 /dev/urandom | base64 > author.key)");
  }
}
