package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `status` and `down` make of the pid and ready files, without the supervisor that wrote them. */
class RecordedStackTest {

  @TempDir
  Path dir;

  private final List<Process> spawned = new ArrayList<>();

  @AfterEach
  void killSpawned() {
    spawned.forEach(Process::destroyForcibly);
  }

  private Process spawn(Process p) {
    spawned.add(p);
    return p;
  }

  private StateDir state() {
    return new StateDir(dir).create();
  }

  @Test
  void statusReportsPidRunningAndReadyPerBinary() throws Exception {
    long me = spawn(StandIn.ofStack(state())).pid();
    state().pidFile("cinder-api").write(me);
    state().readyFile("cinder-api").write(me);
    state().pidFile("cinder-volume").write(me);

    List<RecordedStack.ChildStatus> status = RecordedStack.of(state()).status();

    assertThat(status).extracting(RecordedStack.ChildStatus::binary)
        .containsExactly("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");
    assertThat(status.get(0).line()).matches("cinder-api +pid " + me + " +running +ready");
    assertThat(status.get(1).line()).matches("cinder-scheduler +pid - +not running +not ready");
    assertThat(status.get(2).line()).matches("cinder-volume +pid " + me + " +running +not ready");
  }

  @Test
  void aPidFileOfADeadProcessIsNotRunning() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    state().pidFile("cinder-backup").write(p.pid());
    state().readyFile("cinder-backup").write(p.pid());

    RecordedStack.ChildStatus backup = RecordedStack.of(state()).status().get(3);

    assertThat(backup.pid()).hasValue(p.pid());
    assertThat(backup.running()).isFalse();
    assertThat(backup.ready()).isFalse();
    assertThat(RecordedStack.of(state()).running()).isEmpty();
  }

  @Test
  void stopTerminatesRecordedProcessesAndRemovesTheirFiles() throws Exception {
    Process child = spawn(StandIn.ofStack(state()));
    state().pidFile("cinder-scheduler").write(child.pid());
    state().readyFile("cinder-scheduler").write(child.pid());
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    state().pidFile("cinder-api").write(dead.pid());

    List<String> report = RecordedStack.of(state()).stop(Duration.ofSeconds(10));

    assertThat(report).containsExactly(
        "cinder-api was not running; stale pid file removed",
        "cinder-scheduler (pid " + child.pid() + ") stopped");
    assertThat(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(143);
    assertThat(state().pidFile("cinder-scheduler").exists()).isFalse();
    assertThat(state().readyFile("cinder-scheduler").exists()).isFalse();
    assertThat(state().pidFile("cinder-api").exists()).isFalse();
    assertThat(RecordedStack.of(state()).stop(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void aPidFileOfAForeignLiveProcessIsNeitherRunningNorStopped() throws Exception {
    Process foreign = spawn(StandIn.foreign());
    state().pidFile("cinder-api").write(foreign.pid());  // after it started: the start-time check passes
    state().readyFile("cinder-api").write(foreign.pid());

    assertThat(RecordedStack.of(state()).status().get(0).running()).isFalse();
    assertThat(RecordedStack.of(state()).running()).isEmpty();
    assertThat(RecordedStack.of(state()).stop(Duration.ofSeconds(1)))
        .containsExactly("cinder-api was not running; stale pid file removed");
    assertThat(foreign.isAlive()).isTrue();
  }
}
