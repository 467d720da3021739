package io.moatwatch.prepare.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.schema.Markup;
import org.junit.jupiter.api.Test;

class TextCleanerTest {
  private final TextCleaner cleaner = new TextCleaner();

  @Test
  void controlCharactersAndByteOrderMarksAreRemovedButLineBreaksKept() {
    assertThat(cleaner.clean("ROCm\u0000 works\u0007 now\uFEFF.\nYes\tit does.", Markup.PLAIN).text())
        .isEqualTo("ROCm works now.\nYes\tit does.");
  }

  @Test
  void htmlParagraphsBecomeParagraphsAndEntitiesAreUnescaped() {
    CleanText c = cleaner.clean("It&#x27;s fast &amp; stable.<p>ROCm &quot;just works&quot; now.", Markup.HTML);
    assertThat(c.text()).isEqualTo("It's fast & stable.\n\nROCm \"just works\" now.");
  }

  @Test
  void htmlCodeBlocksAndQuotesAreDroppedAndCounted() {
    CleanText c = cleaner.clean("<p>&gt; PyTorch just worked<p>Not for me.<pre><code>x = 1\n</code></pre>"
        + "<blockquote>quoted</blockquote><p>Inline <code>hipMalloc</code> stays.", Markup.HTML);
    assertThat(c.text()).isEqualTo("Not for me.\n\nInline hipMalloc stays.");
    assertThat(c.codeBlocks()).isEqualTo(1);
    assertThat(c.quotes()).isEqualTo(2);
  }

  @Test
  void markdownCodeFencesIndentedCodeAndQuotesAreDropped() {
    String md = "&gt; it is a huge improvement\n\nMaybe for RDNA3.\n\n```\nexport HSA_OVERRIDE=11.0.0\n```\n\n"
        + "    hipErrorNoBinaryForGpu: Unable to find code object\n\nVery **frustrating**.";
    CleanText c = cleaner.clean(md, Markup.MARKDOWN);
    assertThat(c.text()).isEqualTo("Maybe for RDNA3.\n\nVery frustrating.");
    assertThat(c.codeBlocks()).isEqualTo(2);
    assertThat(c.quotes()).isEqualTo(1);
  }

  @Test
  void markdownLinksKeepTheirWordsButNotBareUrls() {
    CleanText c = cleaner.clean("See [the docs](https://rocm.docs.amd.com) or https://example.com/x for more.",
        Markup.MARKDOWN);
    assertThat(c.text()).isEqualTo("See the docs or for more.");
    assertThat(c.urls()).isEqualTo(1);
  }

  @Test
  void postThatIsOnlyALinkIsEmpty() {
    CleanText c = cleaner.clean("https://github.com/ROCm/ROCm/pull/78", Markup.MARKDOWN);
    assertThat(c.isEmpty()).isTrue();
    assertThat(c.urls()).isEqualTo(1);
  }

  @Test
  void stackTracesAndLogLinesAreDropped() {
    String text = """
        The build fails:
        Traceback (most recent call last):
          File "setup.py", line 42, in <module>
        RuntimeError: CUDA error: no kernel image is available
        java.lang.IllegalStateException: boom
            at io.moatwatch.Foo.bar(Foo.java:12)
        2026-11-20 09:15:30 ERROR hip runtime failed
        [INFO] retrying
        Has anyone seen this error?""";
    CleanText c = cleaner.clean(text, Markup.PLAIN);
    assertThat(c.text()).isEqualTo("The build fails:\nHas anyone seen this error?");
    assertThat(c.logLines()).isEqualTo(7);
  }

  @Test
  void proseMentioningErrorsIsKept() {
    CleanText c = cleaner.clean("Error messages in ROCm are useless, and the crash killed my run.", Markup.PLAIN);
    assertThat(c.text()).isEqualTo("Error messages in ROCm are useless, and the crash killed my run.");
    assertThat(c.logLines()).isZero();
  }

  @Test
  void codeLikeLinesAreDroppedByTheirShape() {
    CleanText c = cleaner.clean("x = torch.randn((4, 4), device='cuda:0'); y = x @ x.T\nThat line is slow.",
        Markup.PLAIN);
    assertThat(c.text()).isEqualTo("That line is slow.");
  }

  @Test
  void nullAndBlankAreEmpty() {
    assertThat(cleaner.clean(null, Markup.HTML).isEmpty()).isTrue();
    assertThat(cleaner.clean("  \n ", Markup.PLAIN).isEmpty()).isTrue();
  }

  @Test
  void brokenHtmlNeverThrows() {
    CleanText c = cleaner.clean("<p><b>unclosed <i>tags <div>ROCm</p></span> &bogus; ok", Markup.HTML);
    assertThat(c.text()).contains("ROCm").contains("ok");
  }
}
