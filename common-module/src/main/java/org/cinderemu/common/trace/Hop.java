package org.cinderemu.common.trace;

import java.time.Instant;

/**
 * One side of one RPC message, as the process that saw it records it: {@link Side#PUBLISH} when it was sent,
 * {@link Side#CONSUME} once its handler finished (so {@code at} is when it was consumed and {@code finishedAt}
 * when the handler ended). The two sides of a message share its {@code uniqueId}; a reply and its call share
 * {@code msgId}. {@code spanId}/{@code parentSpanId} are the OTLP span ids of the hop (hex), null when unknown.
 */
public record Hop(String requestId, String resourceId, Side side, Kind kind, String method, String version,
    String exchange, String routingKey, String queue, String uniqueId, String msgId, String binary, String host,
    Instant at, Instant finishedAt, String outcome, String spanId, String parentSpanId) {

  /** Which end of the message this row was written by. */
  public enum Side { PUBLISH, CONSUME }

  /** What kind of send it was (docs/cinder-reference.md §2.4). */
  public enum Kind { CAST, CALL, REPLY, FANOUT }

  /** The same hop with the request id filled in (a reply carries none of its own). */
  public Hop withRequestId(String id) {
    return new Hop(id, resourceId, side, kind, method, version, exchange, routingKey, queue, uniqueId, msgId,
        binary, host, at, finishedAt, outcome, spanId, parentSpanId);
  }
}
