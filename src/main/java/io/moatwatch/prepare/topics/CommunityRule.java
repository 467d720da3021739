package io.moatwatch.prepare.topics;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A place whose posts are about a topic whatever their words say: an issue in {@code ROCm/ROCm} is about ROCm
 * even when it only says "the installer". Values are matched without regard to case; {@code *} stands for any
 * run of characters and {@code ?} for one.
 *
 * @param kind  what the value names
 * @param value the value as written in the topics file ({@code ROCm/*})
 * @param line  the topics-file line that gave it (0 when not from a file)
 * @param globs the value's parts ({@code owner}, {@code name}; {@code server}, {@code channel}) compiled
 */
public record CommunityRule(Kind kind, String value, int line, List<Pattern> globs) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of place, each with its topics-file key. */
  public enum Kind {
    /** A GitHub repository {@code owner/name} ({@code owner/*} for an organisation): the {@code github} source. */
    REPOSITORY("repository"),
    /** A subreddit, with or without {@code r/}: the {@code reddit} source. */
    SUBREDDIT("subreddit"),
    /** A tag the platform files the post under: Stack Exchange tags, Discourse topic tags, {@code tags} of jsonl. */
    TAG("tag"),
    /** A Discourse category, by the id the export gives ({@code category_id}). */
    DISCOURSE_CATEGORY("discourse_category"),
    /** A Discord server, or {@code server/channel}: the {@code discord} source. */
    DISCORD("discord");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The topics-file key. */
    public String key() {
      return key;
    }

    /** The kind of a topics-file key, or null. */
    public static Kind ofKey(String key) {
      for (Kind k : values()) {
        if (k.key.equals(key)) {
          return k;
        }
      }
      return null;
    }
  }

  /** What a value of each kind may hold: names with {@code *} and {@code ?}; repositories and Discord a slash. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.*?+#-]+");

  /**
   * The rule, or an explanation of what is wrong with {@code value} (as an {@link IllegalArgumentException}).
   */
  public static CommunityRule parse(Kind kind, String value, int line) {
    String v = value.strip();
    if (kind == Kind.SUBREDDIT) {
      v = v.replaceFirst("^/?r/", "");
    }
    List<String> parts = List.of(v.split("/", -1));
    int maxParts = kind == Kind.REPOSITORY || kind == Kind.DISCORD ? 2 : 1;
    if (kind == Kind.REPOSITORY && parts.size() != 2) {
      throw new IllegalArgumentException("a repository looks like owner/name or owner/*, not '" + value + "'");
    }
    if (parts.size() > maxParts) {
      throw new IllegalArgumentException("'" + value + "' has a '/', which a " + kind.key + " cannot have"
          + (kind == Kind.DISCORD ? " more than once (server/channel)" : ""));
    }
    for (String p : parts) {
      if (kind == Kind.DISCORD ? p.isBlank() : !NAME.matcher(p).matches()) {
        throw new IllegalArgumentException("'" + value + "' is not a " + kind.key
            + (kind == Kind.DISCORD ? " (server or server/channel)" : " name (letters, digits, _ . - + # * ?)"));
      }
    }
    return new CommunityRule(kind, v, line,
        (kind == Kind.DISCORD ? parts.stream().map(String::strip) : Stream.of(v)).map(
            CommunityRule::compile).toList());
  }

  /** Whether a post from {@code source} in {@code community}, filed under {@code tags}, lives here. */
  public boolean matches(String source, String community, List<String> tags) {
    Pattern whole = globs.get(0);
    return switch (kind) {
      case REPOSITORY -> "github".equals(source) && community != null && whole.matcher(community).matches();
      case SUBREDDIT -> "reddit".equals(source) && community != null && whole.matcher(community).matches();
      case TAG -> tags.stream().anyMatch(t -> whole.matcher(t).matches());
      case DISCOURSE_CATEGORY -> "discourse".equals(source)
          && tags.stream().anyMatch(t -> t.startsWith("category:") && whole.matcher(t.substring(9)).matches());
      case DISCORD -> "discord".equals(source) && community != null && discord(community);
    };
  }

  /** The Discord reader's community is {@code server / category / channel}; a rule names server[/channel]. */
  private boolean discord(String community) {
    String[] place = community.split(" / ");
    if (!globs.get(0).matcher(place[0].strip()).matches()) {
      return false;
    }
    return globs.size() == 1 || place.length > 1 && globs.get(1).matcher(place[place.length - 1].strip()).matches();
  }

  private static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (String piece : glob.split("(?=[*?])|(?<=[*?])")) {
      re.append(switch (piece) {
        case "*" -> ".*";
        case "?" -> ".";
        default -> Pattern.quote(piece);
      });
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public String toString() {
    return kind.key + " = " + value;
  }
}
