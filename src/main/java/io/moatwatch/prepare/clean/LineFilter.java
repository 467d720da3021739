package io.moatwatch.prepare.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps machine output out of what is scored: stack traces, log lines, shell prompts and bare URLs, which
 * people paste into bug reports and which the parser would otherwise read as (very long, negative) prose.
 * Works on plain text, line by line; prose lines pass through untouched.
 */
final class LineFilter {
  private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern[] LOG_LINES = {
      // Java / Scala frames and "Caused by"
      Pattern.compile("^\\s*at [\\w$.<>/]+\\(.*\\)\\s*$"),
      Pattern.compile("^\\s*(Caused by|Exception in thread)\\b.*"),
      Pattern.compile("^\\s*\\.\\.\\. \\d+ more\\s*$"),
      // Python tracebacks
      Pattern.compile("^\\s*Traceback \\(most recent call last\\):.*"),
      Pattern.compile("^\\s*File \".*\", line \\d+.*"),
      // the exception line that ends a traceback: "RuntimeError: CUDA error: ...", "java.lang.IllegalStateException: ..."
      Pattern.compile("^\\s*(?:[a-z_][\\w]*\\.)*[A-Z]\\w*(?:Error|Exception)(?::.*)?$"),
      // timestamped or levelled log lines: "2024-05-01 12:00:01 ERROR ...", "[INFO] ...", "E0501 12:00:01"
      Pattern.compile("^\\s*\\[?\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d.*"),
      Pattern.compile("^\\s*\\[(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\\].*"),
      Pattern.compile("^\\s*[EWIF]\\d{4} \\d\\d:\\d\\d:\\d\\d.*"),
      // shell prompts and hex dumps
      Pattern.compile("^\\s*[$#>] \\S.*[/=\\-].*"),
      Pattern.compile("^.*0x[0-9a-fA-F]{6,}.*0x[0-9a-fA-F]{6,}.*"),
  };
  /** Share of letters and spaces below which a long line is code or data rather than prose. */
  private static final double MIN_PROSE_SHARE = 0.7;
  private static final int MIN_CODE_LINE_LENGTH = 25;
  /** Characters that prose rarely uses but code is full of. */
  private static final String CODE_CHARS = "=(){}[];<>@|\\$`";
  /** Share of code characters above which a line is code even when most of it is letters. */
  private static final double MAX_CODE_SHARE = 0.08;
  private static final int MIN_CODE_CHARS = 4;

  int logLines;
  int urls;
  /** The dropped machine lines and URLs, one per line: topic matching still reads them. */
  final StringBuilder machine = new StringBuilder();
  final StringBuilder links = new StringBuilder();

  /** Filters one block of plain text; counts what it drops. */
  String filter(String block) {
    StringBuilder out = new StringBuilder(block.length());
    for (String line : block.split("\n", -1)) {
      if (isMachineLine(line)) {
        logLines++;
        machine.append(line.strip()).append('\n');
        continue;
      }
      Matcher m = URL.matcher(line);
      StringBuilder kept = new StringBuilder(line.length());
      while (m.find()) {
        urls++;
        links.append(m.group()).append('\n');
        m.appendReplacement(kept, "");
      }
      m.appendTail(kept);
      String cleaned = kept.toString().replaceAll("[ \\t]{2,}", " ").strip();
      if (!cleaned.isEmpty()) {
        out.append(cleaned).append('\n');
      }
    }
    return out.toString().strip();
  }

  static boolean isMachineLine(String line) {
    for (Pattern p : LOG_LINES) {
      if (p.matcher(line).matches()) {
        return true;
      }
    }
    String withoutUrls = URL.matcher(line).replaceAll("");
    String t = withoutUrls.strip();
    if (t.length() < MIN_CODE_LINE_LENGTH) {
      return false;
    }
    int prose = 0;
    int code = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetter(c) || c == ' ' || c == ',' || c == '.' || c == '\'') {
        prose++;
      } else if (CODE_CHARS.indexOf(c) >= 0) {
        code++;
      }
    }
    boolean codeShaped = code >= MIN_CODE_CHARS && (double) code / t.length() > MAX_CODE_SHARE;
    return codeShaped || (double) prose / t.length() < MIN_PROSE_SHARE;
  }
}
