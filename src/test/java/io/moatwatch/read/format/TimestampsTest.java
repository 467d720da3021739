package io.moatwatch.read.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant T = Instant.parse("2026-11-20T09:15:30Z");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void readsEpochSecondsAsNumberOrString() throws Exception {
    assertThat(Timestamps.parse(F.numberNode(T.getEpochSecond()), "t")).isEqualTo(T);
    assertThat(Timestamps.parse(F.textNode(Long.toString(T.getEpochSecond())), "t")).isEqualTo(T);
  }

  @Test
  void readsFractionalSecondsAndMilliseconds() throws Exception {
    assertThat(Timestamps.parse(F.numberNode(T.getEpochSecond() + 0.5), "t")).isEqualTo(T.plusMillis(500));
    assertThat(Timestamps.parse(F.numberNode(T.toEpochMilli()), "t")).isEqualTo(T);
    assertThat(Timestamps.parse(F.textNode(Long.toString(T.toEpochMilli())), "t")).isEqualTo(T);
  }

  @Test
  void readsIsoWithZoneOrOffsetAsUtc() throws Exception {
    assertThat(Timestamps.parse("2026-11-20T09:15:30Z", "t")).isEqualTo(T);
    assertThat(Timestamps.parse("2026-11-20T10:15:30+01:00", "t")).isEqualTo(T);
    assertThat(Timestamps.parse("2026-11-20T09:15:30.123Z", "t")).isEqualTo(T.plusMillis(123));
  }

  @Test
  void readsZonelessAndBigQueryFormsAsUtc() throws Exception {
    assertThat(Timestamps.parse("2026-11-20 09:15:30 UTC", "t")).isEqualTo(T);
    assertThat(Timestamps.parse("2026-11-20 09:15:30", "t")).isEqualTo(T);
    assertThat(Timestamps.parse("2026-11-20T09:15:30", "t")).isEqualTo(T);
  }

  @Test
  void rejectsGarbageNamingTheField() {
    assertThatThrownBy(() -> Timestamps.parse("yesterday", "created_at"))
        .isInstanceOf(BadRecordException.class)
        .hasMessage("unreadable timestamp 'yesterday' in field 'created_at'");
    assertThatThrownBy(() -> Timestamps.parse((com.fasterxml.jackson.databind.JsonNode) null, "time"))
        .hasMessage("missing timestamp field 'time'");
    assertThatThrownBy(() -> Timestamps.parse(F.numberNode(-5), "time"))
        .hasMessage("timestamp field 'time' is out of range: -5.0");
    assertThatThrownBy(() -> Timestamps.parse(F.arrayNode(), "time"))
        .hasMessage("timestamp field 'time' is array, not a number or string");
  }
}
