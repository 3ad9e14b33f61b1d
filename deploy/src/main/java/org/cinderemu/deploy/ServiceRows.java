package org.cinderemu.deploy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The readiness decision of {@code up} for the services that have a {@code services} row: each expected
 * (binary, host) must have a live row that was heartbeated during this start and is up by Cinder's rule. A
 * disabled row is reported as such but not waited for: an operator's {@code service-disable} outlives restarts,
 * and a stack that never came up could not be told to enable it. Pure, so the rule is tested without a database.
 */
final class ServiceRows {

  /** One live row of the {@code services} table, as the launcher reads it. */
  record Row(String binary, String host, boolean disabled, String disabledReason, LocalDateTime updatedAt) {
  }

  /** A service the stack runs: Cinder's binary name and the host its row carries. */
  record Expected(String binary, String host) {
    @Override
    public String toString() {
      return binary + " on " + host;
    }
  }

  enum State { UP, MISSING, STALE, DISABLED }

  private ServiceRows() {
  }

  /**
   * The state of {@code wanted} in {@code rows}. Fresh: heartbeated at or after {@code startedAt} (to the whole
   * second, since MariaDB's DATETIME keeps no fraction) and within {@code downTime} of {@code now}, which is
   * Cinder's {@code Service.is_up}; a row left by an earlier run of the same state directory is stale.
   */
  static State state(Expected wanted, List<Row> rows, LocalDateTime startedAt, LocalDateTime now,
      Duration downTime) {
    Optional<Row> row = rows.stream()
        .filter(r -> r.binary().equals(wanted.binary()) && r.host().equals(wanted.host())).findFirst();
    if (row.isEmpty()) {
      return State.MISSING;
    }
    LocalDateTime last = row.get().updatedAt();
    boolean fresh = last != null && !last.isBefore(startedAt.truncatedTo(ChronoUnit.SECONDS))
        && !last.isBefore(now.minus(downTime));
    if (!fresh) {
      return State.STALE;
    }
    return row.get().disabled() ? State.DISABLED : State.UP;
  }

  /** True once the service has started in this run: its row fresh, enabled or not. */
  static boolean started(State state) {
    return state == State.UP || state == State.DISABLED;
  }

  /** Every expected service that has not started yet, with why ({@code cinder-volume on h@b stale}). */
  static List<String> notStarted(List<Expected> expected, List<Row> rows, LocalDateTime startedAt,
      LocalDateTime now, Duration downTime) {
    return expected.stream()
        .filter(e -> !started(state(e, rows, startedAt, now, downTime)))
        .map(e -> e + " " + state(e, rows, startedAt, now, downTime).name().toLowerCase())
        .toList();
  }
}
