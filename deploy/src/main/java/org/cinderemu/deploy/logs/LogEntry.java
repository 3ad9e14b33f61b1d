package org.cinderemu.deploy.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log event of one service: its first line (which starts with the timestamp the logback pattern writes) and
 * any continuation lines after it, such as a stack trace.
 */
public record LogEntry(String service, String timestamp, String text) {

  /**
   * The start of every event line: {@code 2026-12-02 00:38:00.123 } as common-module's logback.xml writes it, or
   * {@code 00:38:00.123 } as the test configuration does (one day's logs, so it still sorts as text).
   */
  private static final Pattern EVENT_START =
      Pattern.compile("^((\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*");

  static boolean startsEvent(String line) {
    return EVENT_START.matcher(line).matches();
  }

  static String timestampOf(String line) {
    Matcher m = EVENT_START.matcher(line);
    return m.matches() ? m.group(1) : "";
  }

  public boolean mentions(String needle) {
    return text.contains(needle);
  }

  /** The entry as {@code logs} prints it: every line prefixed by the service, so merged lines stay attributable. */
  public String formatted(int serviceWidth) {
    String prefix = String.format("%-" + serviceWidth + "s | ", service);
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
