package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;

/**
 * One request of the run's load, followed from its submission to its terminal state: the API's answer, then every
 * status the sampler saw in the database, with the run's clock (ms since the run began).
 */
final class TrackedRequest {

  static final String VOLUME = "volume";
  static final String BACKUP = "backup";
  static final String DELETE = "volume_delete";

  /** A status seen at {@code t}. */
  record Change(long t, String status) {
  }

  /** What the journal keeps of a request. */
  record Outcome(String kind, String phase, String name, String id, int httpStatus, String error, long submittedMs,
      Long acceptedMs, Long terminalMs, String finalStatus, String host, List<Change> history) {
    boolean accepted() {
      return acceptedMs != null;
    }

    /** Accepted to terminal, or null while it is not terminal. */
    Long latencyMs() {
      return terminalMs == null || acceptedMs == null ? null : terminalMs - acceptedMs;
    }
  }

  final String kind;
  final String phase;
  final String name;
  private String id;
  private int httpStatus;
  private String error;
  private final long submittedMs;
  private Long acceptedMs;
  private Long terminalMs;
  private String status = States.UNSEEN;
  private String host;
  private final List<Change> history = new ArrayList<>();

  TrackedRequest(String kind, String phase, String name, long submittedMs) {
    this.kind = kind;
    this.phase = phase;
    this.name = name;
    this.submittedMs = submittedMs;
  }

  synchronized void answered(int status, String id, String error, long t) {
    this.httpStatus = status;
    this.id = id;
    this.error = error;
    if (id != null && status >= 200 && status < 300) {
      acceptedMs = t;
    }
  }

  synchronized void saw(String newStatus, String newHost, long t) {
    if (acceptedMs == null) {
      return;
    }
    if (newHost != null) {
      host = newHost;
    }
    if (!newStatus.equals(status)) {
      status = newStatus;
      history.add(new Change(t, newStatus));
      if (States.terminal(kind, newStatus)) {
        if (terminalMs == null) {
          terminalMs = t;
        }
      } else {
        terminalMs = null;  // left a terminal state again (a restart's cleanup, a redelivery)
      }
    }
  }

  synchronized String id() {
    return id;
  }

  synchronized String status() {
    return acceptedMs == null ? null : status;
  }

  synchronized boolean accepted() {
    return acceptedMs != null;
  }

  synchronized boolean settled() {
    return acceptedMs == null || terminalMs != null;
  }

  synchronized Outcome outcome() {
    return new Outcome(kind, phase, name, id, httpStatus, error, submittedMs, acceptedMs, terminalMs,
        acceptedMs == null ? null : status, host, List.copyOf(history));
  }
}
