package org.cinderemu.scheduler.state;

import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * One stored capability report. For volume services {@code capabilities} is the report with
 * {@code timestamp} added (Cinder's {@code service_states} entry); for backup services it is the report as sent.
 */
public record CapabilityReport(JsonObject capabilities, LocalDateTime timestamp) {

  /** A copy callers may change freely. */
  @Override
  public JsonObject capabilities() {
    return capabilities.copy();
  }

  // the stored object, for the state classes that only read it
  JsonObject stored() {
    return capabilities;
  }
}
