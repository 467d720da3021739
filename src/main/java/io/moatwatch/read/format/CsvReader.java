package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.moatwatch.schema.Post;

/**
 * A plain CSV export with a header row naming moatwatch's post fields: the columns of the JSON-lines format
 * ({@code id,source,created_at,text} required; {@code title,community,thread_id,parent_id,author,markup,url,
 * score,deleted,removed} optional), in any order. Rows come from {@link CsvRecordStream}; each is read exactly
 * like a JSON-lines record.
 */
public final class CsvReader implements PostReader {
  private final GenericJsonReader fields = new GenericJsonReader();

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public boolean recognises(JsonNode value) {
    return value.path("@csv").asBoolean(false) && fields.recognises(value);
  }

  @Override
  public Post toPost(JsonNode record) throws BadRecordException {
    return fields.toPost(record);
  }
}
