package org.cinderemu.scheduler.state;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The {@code timestamp} of {@code update_service_capabilities}: naive UTC {@code YYYY-MM-DDTHH:MM:SS.ffffff}
 * (docs/cinder-reference.md §4.3, §3.5). Parsing also takes fewer fraction digits; printing always gives six, as oslo
 * does.
 */
public final class CapabilityTimestamps {

  private static final DateTimeFormatter PRINT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private CapabilityTimestamps() {
  }

  public static LocalDateTime parse(String timestamp) {
    try {
      return LocalDateTime.parse(timestamp.strip(), PARSE);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("capability timestamp '" + timestamp
          + "' is not YYYY-MM-DDTHH:MM:SS.ffffff", e);
    }
  }

  public static String format(LocalDateTime time) {
    return PRINT.format(time);
  }
}
