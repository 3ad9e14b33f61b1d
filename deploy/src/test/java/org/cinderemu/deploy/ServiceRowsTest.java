package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.cinderemu.deploy.ServiceRows.Expected;
import org.cinderemu.deploy.ServiceRows.Row;
import org.cinderemu.deploy.ServiceRows.State;
import org.junit.jupiter.api.Test;

/** {@code up}'s readiness rule for the services table: fresh rows of this start only. */
class ServiceRowsTest {

  private static final Duration DOWN_TIME = Duration.ofSeconds(60);
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 12, 2, 1, 0, 5, 300_000_000);
  private static final LocalDateTime NOW = STARTED.plusSeconds(2);
  private static final Expected VOLUME = new Expected("cinder-volume", "vm@lvmdriver-1");

  private static Row row(String host, LocalDateTime updatedAt, boolean disabled) {
    return new Row("cinder-volume", host, disabled, disabled ? "maintenance" : null, updatedAt);
  }

  private static State state(Row... rows) {
    return ServiceRows.state(VOLUME, List.of(rows), STARTED, NOW, DOWN_TIME);
  }

  @Test
  void aRowHeartbeatedDuringThisStartIsUp() {
    assertThat(state(row("vm@lvmdriver-1", STARTED.plusSeconds(1), false))).isEqualTo(State.UP);
  }

  @Test
  void aRowLeftByAnEarlierRunIsStaleThoughWithinServiceDownTime() {
    // stopped 10 s before this start: Cinder would still call it up, but this run has not heartbeated yet
    assertThat(state(row("vm@lvmdriver-1", STARTED.minusSeconds(10), false))).isEqualTo(State.STALE);
  }

  @Test
  void aRowOlderThanServiceDownTimeIsStale() {
    LocalDateTime later = STARTED.plusSeconds(200);
    assertThat(ServiceRows.state(VOLUME, List.of(row("vm@lvmdriver-1", STARTED.plusSeconds(1), false)), STARTED,
        later, DOWN_TIME)).isEqualTo(State.STALE);
  }

  @Test
  void aWholeSecondTimestampOfTheStartSecondCounts() {
    // MariaDB's DATETIME drops the fraction: 01:00:05 stands for a heartbeat at 01:00:05.4
    assertThat(state(row("vm@lvmdriver-1", STARTED.withNano(0), false))).isEqualTo(State.UP);
    assertThat(state(row("vm@lvmdriver-1", STARTED.withNano(0).minusNanos(1), false))).isEqualTo(State.STALE);
  }

  @Test
  void anotherHostOrNoRowIsMissing() {
    assertThat(state(row("vm@whatever_it_is", STARTED.plusSeconds(1), false))).isEqualTo(State.MISSING);
    assertThat(state()).isEqualTo(State.MISSING);
  }

  @Test
  void aFreshDisabledRowHasStartedButIsToldApart() {
    State disabled = state(row("vm@lvmdriver-1", STARTED.plusSeconds(1), true));
    assertThat(disabled).isEqualTo(State.DISABLED);
    assertThat(ServiceRows.started(disabled)).isTrue();
    assertThat(ServiceRows.started(State.STALE)).isFalse();
    assertThat(ServiceRows.started(State.MISSING)).isFalse();
  }

  @Test
  void notStartedNamesEachWaitingServiceAndWhy() {
    Expected other = new Expected("cinder-volume", "vm@whatever_it_is");
    Expected backup = new Expected("cinder-backup", "vm");
    List<Row> rows = List.of(row("vm@lvmdriver-1", STARTED.plusSeconds(1), false),
        row("vm@whatever_it_is", STARTED.minusSeconds(30), false));
    assertThat(ServiceRows.notStarted(List.of(VOLUME, other, backup), rows, STARTED, NOW, DOWN_TIME))
        .containsExactly("cinder-volume on vm@whatever_it_is stale", "cinder-backup on vm missing");
  }
}
