package io.moatwatch.prepare.clean;

/**
 * Text ready for CoreNLP, and what was kept out of it. Paragraphs are separated by blank lines, which
 * CoreNLP's sentence splitter treats as sentence breaks.
 *
 * <p>What was dropped is kept as text too ({@code code}, {@code quoted}, {@code links}): sentiment never sees
 * it, but topic matching searches it, since {@code sudo apt install rocm-dkms} in a code block or a
 * {@code rocm.docs.amd.com} link says what a post is about as clearly as its prose.
 *
 * @param text       plain text to score (may be empty)
 * @param codeBlocks code blocks ({@code <pre>}, fenced or indented Markdown) dropped
 * @param quotes     quoted passages ({@code <blockquote>}, {@code > ...}) dropped: usually the parent's words
 * @param logLines   stack-trace, log or shell-output lines dropped
 * @param urls       bare URLs dropped
 * @param code       the dropped code blocks and machine lines, one per line (empty when none)
 * @param quoted     the dropped quoted passages (empty when none)
 * @param links      the dropped URLs and link targets, one per line (empty when none)
 */
public record CleanText(String text, int codeBlocks, int quotes, int logLines, int urls, String code, String quoted,
    String links) {

  public CleanText {
    code = code == null ? "" : code;
    quoted = quoted == null ? "" : quoted;
    links = links == null ? "" : links;
  }

  /** Clean text with nothing kept of what was dropped. */
  public CleanText(String text, int codeBlocks, int quotes, int logLines, int urls) {
    this(text, codeBlocks, quotes, logLines, urls, "", "", "");
  }

  /** Nothing at all. */
  public static final CleanText EMPTY = new CleanText("", 0, 0, 0, 0);

  public boolean isEmpty() {
    return text.isBlank();
  }

  /** The same, with {@code newText} as the text to score. */
  public CleanText withText(String newText) {
    return new CleanText(newText, codeBlocks, quotes, logLines, urls, code, quoted, links);
  }
}
