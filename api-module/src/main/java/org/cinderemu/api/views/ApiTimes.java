package org.cinderemu.api.views;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Datetimes as Cinder's JSON serializer writes them: naive UTC, always six fraction digits. */
public final class ApiTimes {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private ApiTimes() {
  }

  public static String format(LocalDateTime utc) {
    return utc == null ? null : FORMAT.format(utc);
  }
}
