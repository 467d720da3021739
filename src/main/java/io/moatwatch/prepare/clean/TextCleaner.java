package io.moatwatch.prepare.clean;

import io.moatwatch.schema.Markup;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns a post's raw text into the plain prose CoreNLP should score.
 *
 * <ul>
 *   <li>HTML (jsoup, which never throws on bad markup): block elements become paragraphs; {@code <pre>} blocks
 *       and {@code <blockquote>} are dropped; entities are unescaped; Hacker News quotes (paragraphs starting
 *       with {@code >}) are dropped.
 *   <li>Markdown (commonmark): fenced and indented code blocks and block quotes are dropped; inline code keeps
 *       its text (it often names an API); a link keeps its text unless the text is the URL. Reddit's
 *       HTML-escaping of {@code & < >} is undone first.
 *   <li>All: stack traces, log lines, shell output and bare URLs are dropped line by line ({@link LineFilter}).
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class TextCleaner {
  private static final Parser MARKDOWN = Parser.builder().build();
  /** Control characters (NUL and the like) other than line breaks and tabs, and byte-order marks. */
  private static final Pattern CONTROL =
      Pattern.compile("[\\p{Cc}\uFEFF&&[^\\n\\r\\t]]+");

  /** Cleans {@code raw} (null is treated as empty). */
  public CleanText clean(String raw, Markup markup) {
    if (raw == null || raw.isBlank()) {
      return CleanText.EMPTY;
    }
    raw = CONTROL.matcher(raw).replaceAll("");
    Blocks blocks = switch (markup) {
      case HTML -> fromHtml(raw);
      case MARKDOWN -> fromMarkdown(org.jsoup.parser.Parser.unescapeEntities(raw, false));
      case PLAIN -> fromPlain(raw);
    };
    LineFilter filter = new LineFilter();
    List<String> kept = new ArrayList<>();
    for (String block : blocks.paragraphs) {
      String text = filter.filter(block);
      if (!text.isEmpty()) {
        kept.add(text);
      }
    }
    blocks.codeText.append(filter.machine);
    blocks.linkText.append(filter.links);
    return new CleanText(String.join("\n\n", kept), blocks.code, blocks.quotes, filter.logLines, filter.urls,
        blocks.codeText.toString(), blocks.quoteText.toString(), blocks.linkText.toString());
  }

  /** Paragraphs of text plus what was dropped: counts, and the text for topic matching. */
  private static final class Blocks {
    final List<String> paragraphs = new ArrayList<>();
    int code;
    int quotes;
    final StringBuilder codeText = new StringBuilder();
    final StringBuilder quoteText = new StringBuilder();
    final StringBuilder linkText = new StringBuilder();
    private final StringBuilder current = new StringBuilder();

    void append(String s) {
      current.append(s);
    }

    void lineBreak() {
      current.append('\n');
    }

    void endParagraph() {
      String p = current.toString().strip();
      if (!p.isEmpty()) {
        if (p.startsWith(">")) {
          quotes++; // a plain-text quote of the parent (Hacker News, e-mail style)
          quote(p);
        } else {
          paragraphs.add(p);
        }
      }
      current.setLength(0);
    }

    void code(String s) {
      add(codeText, s);
    }

    void quote(String s) {
      add(quoteText, s);
    }

    void link(String s) {
      add(linkText, s);
    }

    void merge(Blocks other) {
      code += other.code;
      quotes += other.quotes;
      add(codeText, other.codeText.toString());
      add(quoteText, other.quoteText.toString());
      add(linkText, other.linkText.toString());
    }

    private static void add(StringBuilder to, String s) {
      if (s != null && !s.isBlank()) {
        to.append(s.strip()).append('\n');
      }
    }
  }

  private static Blocks fromPlain(String raw) {
    Blocks b = new Blocks();
    for (String para : raw.split("\\n\\s*\\n")) {
      StringBuilder kept = new StringBuilder();
      for (String line : para.split("\n")) {
        if (line.stripLeading().startsWith(">")) {
          b.quotes++;
          b.quote(line.stripLeading().substring(1));
        } else {
          kept.append(line).append('\n');
        }
      }
      b.append(kept.toString());
      b.endParagraph();
    }
    return b;
  }

  private static Blocks fromHtml(String raw) {
    Document doc = Jsoup.parseBodyFragment(raw);
    Blocks b = new Blocks();
    for (Element pre : doc.select("pre")) {
      b.code++;
      b.code(pre.wholeText());
    }
    for (Element quote : doc.select("blockquote")) {
      b.quotes++;
      b.quote(quote.text());
    }
    for (Element a : doc.select("a[href]")) {
      b.link(a.attr("href"));
    }
    doc.select("pre, blockquote, script, style").remove();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof TextNode t) {
          b.append(t.text());
        } else if (node instanceof Element e && e.nameIs("br")) {
          b.lineBreak();
        } else if (node instanceof Element e && e.isBlock()) {
          b.endParagraph();
        }
      }

      @Override
      public void tail(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          b.endParagraph();
        }
      }
    }, doc.body());
    b.endParagraph();
    return b;
  }

  private static Blocks fromMarkdown(String raw) {
    MarkdownBlocks visitor = new MarkdownBlocks();
    MARKDOWN.parse(raw).accept(visitor);
    visitor.b.endParagraph();
    return visitor.b;
  }

  /** Walks a Markdown tree into blocks: code and quotes apart, link targets noted, the rest as paragraphs. */
  private static final class MarkdownBlocks extends AbstractVisitor {
    final Blocks b = new Blocks();

    @Override
    public void visit(FencedCodeBlock node) {
      b.code++;
      b.code(node.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock node) {
      b.code++;
      b.code(node.getLiteral());
    }

    @Override
    public void visit(BlockQuote node) {
      b.quotes++;
      b.quote(literals(node));
    }

    @Override
    public void visit(HtmlBlock node) {
      Blocks html = fromHtml(node.getLiteral());
      html.paragraphs.forEach(p -> {
        b.append(p);
        b.endParagraph();
      });
      b.merge(html);
    }

    @Override
    public void visit(HtmlInline node) {
      // inline tags such as <sup> carry no words of their own
    }

    @Override
    public void visit(Paragraph node) {
      visitChildren(node);
      b.endParagraph();
    }

    @Override
    public void visit(Heading node) {
      visitChildren(node);
      b.endParagraph();
    }

    @Override
    public void visit(ListItem node) {
      visitChildren(node);
      b.endParagraph();
    }

    @Override
    public void visit(Text node) {
      b.append(node.getLiteral());
    }

    @Override
    public void visit(Code node) {
      b.append(node.getLiteral());
    }

    @Override
    public void visit(Link node) {
      StringBuilder label = new StringBuilder();
      for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
        if (c instanceof Text t) {
          label.append(t.getLiteral());
        }
      }
      b.link(node.getDestination());
      if (!label.toString().strip().equals(node.getDestination())) {
        visitChildren(node);
      }
    }

    @Override
    public void visit(SoftLineBreak node) {
      b.lineBreak();
    }

    @Override
    public void visit(HardLineBreak node) {
      b.lineBreak();
    }
  }

  /** All the text under a Markdown node (text, code and link targets), one block per line. */
  private static String literals(Node node) {
    StringBuilder out = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text t) {
        out.append(t.getLiteral()).append(' ');
      }

      @Override
      public void visit(Code c) {
        out.append(c.getLiteral()).append(' ');
      }

      @Override
      public void visit(FencedCodeBlock c) {
        out.append(c.getLiteral()).append('\n');
      }

      @Override
      public void visit(IndentedCodeBlock c) {
        out.append(c.getLiteral()).append('\n');
      }

      @Override
      public void visit(Link l) {
        out.append(l.getDestination()).append(' ');
        visitChildren(l);
      }

      @Override
      public void visit(Paragraph p) {
        visitChildren(p);
        out.append('\n');
      }
    });
    return out.toString();
  }
}
