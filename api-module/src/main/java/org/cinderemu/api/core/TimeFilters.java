package org.cinderemu.api.core;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.ListQuery;

/**
 * The {@code created_at} / {@code updated_at} list filters of microversion 3.60, read as Cinder's
 * {@code _handle_time_comparison_filters} reads them: comma-separated {@code op:time} units, the operator
 * before the first ':', the time (ISO 8601, as oslo's {@code parse_isotime}) after it, normalised to UTC.
 */
public final class TimeFilters {

  /** The filters that take time comparisons. */
  public static final List<String> FIELDS = List.of("created_at", "updated_at");
  /** VOLUME_TIME_COMPARISON_FILTER: below it Cinder drops these filters. */
  public static final String MICROVERSION = "3.60";

  // iso8601.parse_date's extended and basic forms: a date, optionally a time, optionally a zone
  private static final Pattern ISO = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})"
      + "(?:[T ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
      + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");

  private TimeFilters() {
  }

  /** @throws ApiException 400 with Cinder's text for an unknown operator or a time that does not parse */
  public static ListQuery.TimeComparison parse(String raw) {
    Map<String, LocalDateTime> bounds = new LinkedHashMap<>();
    for (String unit : raw.split(",", -1)) {
      int colon = unit.indexOf(':');
      // Python's split(':'): without a colon the whole unit is both operator and time
      String operator = colon < 0 ? unit : unit.substring(0, colon);
      String time = colon < 0 ? unit : unit.substring(colon + 1);
      if (!ListQuery.TimeComparison.OPERATORS.containsKey(operator)) {
        throw ApiException.badRequest("Invalid " + operator + " operator");
      }
      bounds.put(operator, isoTime(time));
    }
    return new ListQuery.TimeComparison(bounds);
  }

  /** oslo's {@code parse_isotime} then {@code normalize_time}: a zone converts to UTC, none means UTC. */
  static LocalDateTime isoTime(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      throw ApiException.badRequest("Invalid " + text + " value");
    }
    try {
      LocalDate date = LocalDate.of(num(m.group(1)), num(m.group(2)), num(m.group(3)));
      LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
          : LocalTime.of(num(m.group(4)), num(m.group(5)), m.group(6) == null ? 0 : num(m.group(6)),
              m.group(7) == null ? 0 : num((m.group(7) + "00000000").substring(0, 9)));
      String zone = m.group(8);
      if (zone == null || zone.equals("Z")) {
        return LocalDateTime.of(date, time);
      }
      ZoneOffset offset = ZoneOffset.of(zone.length() == 5 && zone.charAt(3) != ':'
          ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
      return OffsetDateTime.of(date, time, offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (java.time.DateTimeException e) {
      throw ApiException.badRequest("Invalid " + text + " value");
    }
  }

  private static int num(String digits) {
    return Integer.parseInt(digits);
  }
}
