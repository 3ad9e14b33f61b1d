package org.cinderemu.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Map;
import org.cinderemu.api.http.ApiException;
import org.junit.jupiter.api.Test;

class TimeFiltersTest {

  private static LocalDateTime t(String iso) {
    return LocalDateTime.parse(iso);
  }

  private static void assertRefused(String raw, String message) {
    assertThatThrownBy(() -> TimeFilters.parse(raw))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage(message);
  }

  @Test
  void operatorsAndTimesAsCinderSplitsThem() {
    assertThat(TimeFilters.parse("gt:2020-01-01T00:00:00").bounds())
        .containsExactly(Map.entry("gt", t("2020-01-01T00:00:00")));
    assertThat(TimeFilters.parse("gte:2020-01-01,lt:2021-02-03T04:05:06.789").bounds()).containsExactly(
        Map.entry("gte", t("2020-01-01T00:00")), Map.entry("lt", t("2021-02-03T04:05:06.789")));
    assertThat(TimeFilters.parse("eq:2020-01-01T00:00:00Z,neq:2020-01-01 10:00,lte:20200101T000000").bounds())
        .containsOnlyKeys("eq", "neq", "lte");
  }

  @Test
  void zonesAreNormalisedToUtc() {
    assertThat(TimeFilters.parse("gt:2020-01-01T02:00:00+02:00").bounds().get("gt")).isEqualTo(t("2020-01-01T00:00"));
    assertThat(TimeFilters.parse("gt:2020-01-01T00:00:00-0130").bounds().get("gt")).isEqualTo(t("2020-01-01T01:30"));
  }

  @Test
  void badUnitsGetCindersMessages() {
    assertRefused("after:2020-01-01", "Invalid after operator");
    // without a colon the whole unit is read as the operator
    assertRefused("2020-01-01", "Invalid 2020-01-01 operator");
    assertRefused("", "Invalid  operator");
    assertRefused("gt:yesterday", "Invalid yesterday value");
    assertRefused("gt:2020-13-01", "Invalid 2020-13-01 value");
    // Cinder: 'gt'.split(':') is ['gt'], a known operator whose time is 'gt'
    assertRefused("gt", "Invalid gt value");
  }
}
