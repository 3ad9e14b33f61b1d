package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.cinderemu.deploy.ServiceRows.Expected;
import org.cinderemu.deploy.ServiceRows.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up}'s steps with {@link FakeService} children: a service is announced only once its services row is
 * fresh, a stale row keeps it waiting until the timeout, and a child that exits fails the start at once.
 */
class StartupStepsTest {

  @TempDir
  java.nio.file.Path dir;

  private final StringWriter text = new StringWriter();
  private final AtomicReference<List<Row>> rows = new AtomicReference<>(List.of());
  private StartupSteps steps;

  @AfterEach
  void stop() {
    if (steps != null) {
      steps.stop(Duration.ofSeconds(1));
    }
  }

  private StartupSteps steps(String serviceMode) {
    StateDir state = new StateDir(dir);
    List<Expected> expected = List.of(new Expected("cinder-scheduler", "h1"));
    steps = new StartupSteps(state, new ProgressPrinter(new PrintWriter(text), false),
        List.of(new StartupSteps.Step("database", FakeService.spec("cinder-db", state, "ready"),
            StartupSteps.readyFile("cinder-db"))),
        List.of(new StartupSteps.Step("cinder-scheduler", FakeService.spec("cinder-scheduler", state, serviceMode),
            ServiceReadiness.servicesTable(expected, Duration.ofSeconds(60)))),
        rows::get);
    return steps;
  }

  private static Row scheduler(LocalDateTime updatedAt) {
    return new Row("cinder-scheduler", "h1", false, null, updatedAt);
  }

  @Test
  void aServiceIsReadyOnceItsRowIsFresh() {
    StartupSteps s = steps("ready");
    rows.set(List.of(scheduler(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1))));
    Duration took = s.startAndAwait(Duration.ofSeconds(30));
    assertThat(text.toString().lines()).hasSize(2)
        .anyMatch(l -> l.matches("\\[ok] database \\(cinder-db, pid \\d+\\) \\d+\\.\\d s"))
        .anyMatch(l -> l.matches("\\[ok] cinder-scheduler \\(h1, pid \\d+\\) \\d+\\.\\d s"));
    assertThat(took).isPositive();
  }

  @Test
  void aStaleRowFromAnEarlierRunIsNotReady() {
    StartupSteps s = steps("ready");
    rows.set(List.of(scheduler(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(20))));
    assertThatThrownBy(() -> s.startAndAwait(Duration.ofSeconds(3)))
        .isInstanceOf(LaunchException.class).hasMessageContaining("cinder-scheduler").hasMessageContaining("not ready");
    assertThat(text.toString()).contains("[ok] database").contains("[FAILED] cinder-scheduler: not ready after 3 s");
  }

  @Test
  void aChildThatExitsFailsTheStartAtOnce() {
    StartupSteps s = steps("exit");
    assertThatThrownBy(() -> s.startAndAwait(Duration.ofSeconds(60)))
        .isInstanceOf(LaunchException.class).hasMessageContaining("exited before it was ready");
    assertThat(text.toString()).contains("[FAILED] cinder-scheduler: exited");
  }
}
