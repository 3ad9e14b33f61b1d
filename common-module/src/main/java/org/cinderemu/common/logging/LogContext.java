package org.cinderemu.common.logging;

import org.cinderemu.common.rpc.RequestContext;

/**
 * What a log line says about the work in hand, in the shape of oslo.log's {@code logging_context_format_string}
 * ({@code [req-… user project]}); see docs/cinder-reference.md §3.3 for the request context it comes from.
 */
public record LogContext(String requestId, String userId, String projectId) {

  /** Printed where oslo.log prints {@code logging_default_format_string}'s {@code [-]}: no request in hand. */
  public static final String NONE = "-";

  public static LogContext of(RequestContext ctx) {
    return new LogContext(ctx.requestId(), ctx.userId(), ctx.projectId());
  }

  public static LogContext ofRequest(String requestId) {
    return new LogContext(requestId, null, null);
  }

  public LogContext withCaller(String user, String project) {
    return new LogContext(requestId, user, project);
  }

  /** {@code req-… user project}, a dash for an unknown user or project as oslo.log prints None. */
  public String format() {
    return requestId + " " + dash(userId) + " " + dash(projectId);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? NONE : s;
  }
}
