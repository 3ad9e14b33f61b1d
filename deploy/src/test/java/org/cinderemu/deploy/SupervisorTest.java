package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's start / wait / stop logic, driven with {@link FakeService} children instead of real services. */
class SupervisorTest {

  @TempDir
  Path dir;

  private Supervisor supervisor;

  @AfterEach
  void stopLeftovers() {
    if (supervisor != null) {
      supervisor.stop(Duration.ofSeconds(1));
    }
  }

  private StateDir state() {
    return new StateDir(dir);
  }

  private Supervisor supervise(String... nameAndMode) {
    List<ChildSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < nameAndMode.length; i += 2) {
      specs.add(FakeService.spec(nameAndMode[i], state(), nameAndMode[i + 1]));
    }
    supervisor = new Supervisor(state(), specs);
    return supervisor;
  }

  @Test
  void startsEveryChildRecordsItsPidAndWaitsUntilAllAreReady() throws Exception {
    Supervisor s = supervise("c-api", "ready", "c-vol", "ready");
    s.start();
    s.awaitReady(Duration.ofSeconds(60));

    assertThat(s.children()).hasSize(2).allMatch(ChildProcess::isReady).allMatch(ChildProcess::isAlive);
    for (ChildProcess c : s.children()) {
      assertThat(state().pidFile(c.name()).read()).hasValue(c.pid());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.logFile()))).isEqualTo("rw-------");
      assertThat(state().readyFile(c.name()).read()).hasValue(c.pid());
    }
    assertThat(new RecordedStack(state(), List.of("c-api", "c-vol"),
        new ProcessSignature(FakeService.class.getName(), state())).status())
        .allMatch(st -> st.running() && st.ready());
  }

  @Test
  void stopTerminatesTheChildrenWhichRunTheirShutdownHooksAndForgetsThem() {
    Supervisor s = supervise("c-api", "ready", "c-vol", "ready");
    s.start();
    s.awaitReady(Duration.ofSeconds(60));
    List<ChildProcess> children = s.children();

    List<String> killed = s.stop(Duration.ofSeconds(10));

    assertThat(killed).isEmpty();
    assertThat(children).noneMatch(ChildProcess::isAlive);
    for (ChildProcess c : children) {
      assertThat(c.exitCode()).hasValue(143);  // 128 + SIGTERM: a clean JVM shutdown, not a kill
      assertThat(c.logTail(5)).contains("fake " + c.name() + " stopped");
      assertThat(state().pidFile(c.name()).exists()).isFalse();
      assertThat(state().readyFile(c.name()).exists()).isFalse();
    }
  }

  @Test
  void timesOutNamingTheChildThatIsNotReadyWithItsLogTail() {
    Supervisor s = supervise("c-api", "ready", "c-sch", "never");
    s.start();

    assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(3)))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("c-sch")
        .hasMessageContaining("not ready after 3 s")
        .hasMessageContaining("fake c-sch starting in mode never")
        .message().doesNotContain("c-api");

    s.stop(Duration.ofSeconds(10));
    assertThat(s.children()).noneMatch(ChildProcess::isAlive);
    assertThat(state().pidFile("c-api").exists()).isFalse();
    assertThat(state().pidFile("c-sch").exists()).isFalse();
  }

  @Test
  void failsAtOnceWhenAChildExitsBeforeItIsReady() {
    Supervisor s = supervise("c-bak", "exit");
    s.start();

    long started = System.nanoTime();
    assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(60)))
        .hasMessageContaining("c-bak")
        .hasMessageContaining("exit code 3")
        .hasMessageContaining("exited before it was ready")
        .hasMessageContaining("failing on purpose");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void killsAChildThatIgnoresSigtermAfterTheGracePeriod() {
    Supervisor s = supervise("c-vol", "stubborn");
    s.start();
    s.awaitReady(Duration.ofSeconds(60));
    ChildProcess child = s.children().get(0);

    assertThat(s.stop(Duration.ofSeconds(1))).containsExactly("c-vol");
    assertThat(child.isAlive()).isFalse();
    assertThat(child.exitCode()).hasValue(137);  // 128 + SIGKILL
    assertThat(state().readyFile("c-vol").exists()).isFalse();  // removed for it, it had no chance
  }

  @Test
  void aReadyFileLeftByAnEarlierProcessDoesNotCount() {
    Supervisor s = supervise("c-sch", "never");
    s.start();
    state().readyFile("c-sch").write(ProcessHandle.current().pid());  // someone else's pid

    assertThat(s.children().get(0).isReady()).isFalse();
    assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(1))).hasMessageContaining("c-sch");
  }

  /** The next `up` on the same state dir: the log keeps the previous run, a failure shows only this run's lines. */
  @Test
  void aRestartAppendsToTheLogAndItsFailureShowsOnlyItsOwnLines() throws Exception {
    Supervisor first = supervise("c-bak", "ready");
    first.start();
    first.awaitReady(Duration.ofSeconds(60));
    first.stop(Duration.ofSeconds(10));

    Supervisor second = supervise("c-bak", "exit");
    second.start();

    assertThatThrownBy(() -> second.awaitReady(Duration.ofSeconds(60)))
        .hasMessageContaining("fake c-bak starting in mode exit")
        .hasMessageContaining("failing on purpose")
        .message().doesNotContain("mode ready").doesNotContain("fake c-bak stopped");
    assertThat(Files.readString(state().logFile("c-bak")))
        .containsSubsequence(ChildLog.SEPARATOR, "fake c-bak starting in mode ready", "fake c-bak stopped",
            ChildLog.SEPARATOR, "fake c-bak starting in mode exit", "failing on purpose");
  }
}
