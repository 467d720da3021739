package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moatwatch.schema.Markup;
import io.moatwatch.schema.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub issues and issue comments: REST API pages ({@code GET /repos/{o}/{r}/issues} and
 * {@code .../issues/comments}, JSON arrays, one page per file or per line) and {@code gh issue list --json
 * number,title,body,author,createdAt,url,comments} output (issues with their comments inside).
 *
 * <p>Ids: {@code github:owner/repo#12} for an issue or pull request (its thread), and
 * {@code github:owner/repo#12/c345} for a comment, whose parent is the issue (GitHub comments are flat).
 * The community is {@code owner/repo}. Pull requests come through the issues endpoint too; they are read the
 * same way and flagged by {@code kind = pull_request}.
 */
public final class GitHubReader implements PostReader {
  private static final String SOURCE = "github";
  private static final Pattern REPO_URL = Pattern.compile("github\\.com/(?:repos/)?([^/]+/[^/]+)/(?:issues|pull)/(\\d+)");

  @Override
  public String format() {
    return "github";
  }

  @Override
  public boolean recognises(JsonNode value) {
    JsonNode v = value.isArray() && value.size() > 0 ? value.get(0) : value;
    boolean restIssue = Json.has(v, "number", "html_url", "user", "created_at") && v.has("title");
    boolean restComment = Json.has(v, "issue_url", "html_url", "user", "created_at") && v.has("body");
    boolean ghCli = Json.has(v, "number", "url", "createdAt") && v.has("author");
    return restIssue || restComment || ghCli || isReaction(v);
  }

  /** Pull requests come through the issues endpoint too: they carry a {@code pull_request} key or a /pull/ URL. */
  private static boolean isPullRequest(JsonNode r) {
    String url = r.has("createdAt") ? Json.text(r, "url") : Json.text(r, "html_url");
    return r.has("pull_request") || "pull_request".equals(Json.text(r, "@category")) || Json.flag(r, "isPullRequest")
        || (url != null && url.contains("/pull/"));
  }

  /** A reactions page entry ({@code GET .../reactions}): an emoji from a user, part of GitHub crawls. */
  private static boolean isReaction(JsonNode v) {
    // "user" is null for reactions of deleted accounts
    return Json.has(v, "id", "content", "created_at") && v.has("user") && !v.has("body") && !v.has("title")
        && Json.text(v, "content").matches("\\+1|-1|laugh|confused|heart|hooray|rocket|eyes");
  }

  @Override
  public List<JsonNode> records(JsonNode value) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode issue = value;
    out.add(issue);
    // gh CLI: comments are inside the issue; they get the issue's URL as context.
    if (issue.path("comments").isArray() && issue.has("createdAt")) {
      for (JsonNode c : issue.path("comments")) {
        ObjectNode copy = c.deepCopy();
        copy.put("@issue_url", Json.text(issue, "url"));
        copy.put("@issue_title", Json.text(issue, "title"));
        out.add(copy);
      }
    }
    return out;
  }

  @Override
  public Post toPost(JsonNode r) throws BadRecordException, NotContentException {
    if (isReaction(r)) {
      throw new NotContentException("github reaction (" + Json.text(r, "content") + "), not a post");
    }
    boolean ghCli = r.has("createdAt");
    String created = ghCli ? "createdAt" : "created_at";
    String author = ghCli ? Json.text(r.path("author"), "login") : Json.text(r.path("user"), "login");
    boolean isComment = r.has("issue_url") || r.has("@issue_url");
    String issueUrl = isComment
        ? (r.has("@issue_url") ? Json.text(r, "@issue_url") : Json.text(r, "issue_url"))
        : (ghCli ? Json.text(r, "url") : Json.text(r, "html_url"));
    if (issueUrl == null) {
      throw new BadRecordException("no issue URL ('html_url', 'url' or 'issue_url') to tell the repository");
    }
    Matcher m = REPO_URL.matcher(issueUrl);
    if (!m.find()) {
      throw new BadRecordException("cannot tell the repository and number from '" + issueUrl + "'");
    }
    String repo = m.group(1);
    String thread = SOURCE + ":" + repo + "#" + m.group(2);
    String id = isComment ? thread + "/c" + Json.required(r, "id") : thread;
    Long score = Json.longValue(r.path("reactions"), "total_count");
    return new Post(
        id,
        SOURCE,
        repo,
        thread,
        isComment ? thread : null,
        author,
        Timestamps.parse(r.get(created), created),
        isComment ? null : Json.text(r, "title"),
        Json.text(r, "body"),
        Markup.MARKDOWN,
        ghCli ? Json.text(r, "url") : Json.text(r, "html_url"),
        score,
        false,
        false,
        isComment ? "comment" : isPullRequest(r) ? "pull_request" : "issue",
        List.of(),
        isComment ? Json.text(r, "@issue_title") : null);
  }
}
