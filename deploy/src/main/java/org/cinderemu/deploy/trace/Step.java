package org.cinderemu.deploy.trace;

import java.time.Duration;
import java.time.Instant;
import org.cinderemu.common.trace.Hop;

/**
 * One hop of a trace as the CLI shows it: a message from its publisher to one consumer (a fanout has one step per
 * consumer), both sides joined by {@code _unique_id}. A side that was not recorded (a message nobody consumed, a
 * handler still running, a row dropped) is null.
 */
record Step(String requestId, String resourceId, Hop.Kind kind, String method, String version, String exchange,
    String routingKey, String queue, String fromBinary, String fromHost, String toBinary, String toHost,
    Instant publishedAt, Instant consumedAt, Instant finishedAt, String outcome, String uniqueId, String msgId) {

  /** When it happened first: the publish, else the consume. */
  Instant at() {
    return publishedAt != null ? publishedAt : consumedAt;
  }

  Duration inQueue() {
    return publishedAt == null || consumedAt == null ? null : Duration.between(publishedAt, consumedAt);
  }

  Duration inHandler() {
    return consumedAt == null || finishedAt == null ? null : Duration.between(consumedAt, finishedAt);
  }
}
