package io.moatwatch.clean;



/**
 * Text ready for CoreNLP, and what was kept out of it. Paragraphs are separated by blank lines, which
 * CoreNLP's sentence splitter treats as sentence breaks.
 *
 * @param text          plain text to score (may be empty)
 * @param codeBlocks    code blocks ({@code <pre>}, fenced or indented Markdown) dropped
 * @param quotes        quoted passages ({@code <blockquote>}, {@code > ...}) dropped: usually the parent's words
 * @param logLines      stack-trace, log or shell-output lines dropped
 * @param urls          bare URLs dropped
 */
public record CleanText(String text, int codeBlocks, int quotes, int logLines, int urls) {

  public boolean isEmpty() {
    return text.isBlank();
  }
}
