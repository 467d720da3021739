package io.moatwatch.read.format;

import io.moatwatch.schema.Post;



/**
 * What reading one input record gives: a post or a reject. Readers never throw on bad content; each record
 * read becomes exactly one outcome, which is what lets a run account for every record.
 */
public sealed interface ReadOutcome
    permits ReadOutcome.Parsed, ReadOutcome.Skipped, ReadOutcome.Rejected, ReadOutcome.Unparsed {

  /** The detected or forced format name ({@code hn-algolia}, {@code reddit} ...), or {@code unknown}. */
  String format();

  /** The file the record came from. */
  String file();

  /** Where in the file. */
  String position();

  /**
   * A record turned into a post. {@code version} is when the export says this copy of the post was last
   * updated (Perceval's {@code updated_on}), or null; of several copies of one post the newest is kept.
   */
  record Parsed(Post post, String format, String file, String position, java.time.Instant version)
      implements ReadOutcome {
    public Parsed(Post post, String format, String file, String position) {
      this(post, format, file, position, null);
    }
  }

  /** A well-formed record that is not a post (a moderator action, a system message, a boost). */
  record Skipped(String reason, String format, String file, String position) implements ReadOutcome {}

  /**
   * A JSON line the prefilter kept and left unparsed ({@link ExportReader.Outcomes#deferParsing}), so that another
   * task parses it: {@link ExportReader#parseLine} gives its outcomes, the same as reading it in place would.
   */
  record Unparsed(String line, String format, String file, String position) implements ReadOutcome {}

  /** A record that could not be read. */
  record Rejected(Reject reject, String format) implements ReadOutcome {
    @Override
    public String file() {
      return reject.file();
    }

    @Override
    public String position() {
      return reject.position();
    }
  }
}
