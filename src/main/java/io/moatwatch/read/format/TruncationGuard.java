package io.moatwatch.read.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the first read error of a stream (a compressed file cut short: "Unexpected end of ZLIB input stream",
 * zstd's "Truncated source") into an end of stream, and keeps the error for {@link ExportReader} to report.
 *
 * <p>Without it the character decoder above would throw away the text it had already decompressed in the same
 * read call (up to 64 K characters), so the records just before the damage would be lost with it.
 */
final class TruncationGuard extends FilterInputStream {
  // set on the read-ahead thread, read by the reader at the end of the stream
  private volatile IOException error;

  TruncationGuard(InputStream in) {
    super(in);
  }

  /** The error that ended the stream, or null if it ended normally (or has not ended). */
  IOException error() {
    return error;
  }

  @Override
  public int read() throws IOException {
    if (error != null) {
      return -1;
    }
    try {
      return super.read();
    } catch (IOException e) {
      error = e;
      return -1;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (error != null) {
      return -1;
    }
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      error = e;
      return -1;
    }
  }

  @Override
  public int available() throws IOException {
    if (error != null) {
      return 0;
    }
    try {
      return super.available();
    } catch (IOException e) {
      error = e;
      return 0;
    }
  }
}
