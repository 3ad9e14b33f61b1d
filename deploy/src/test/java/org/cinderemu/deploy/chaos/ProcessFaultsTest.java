package org.cinderemu.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.FakeService;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.Supervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Kill, terminate, freeze, thaw and restart on stand-in children, and what `down` does with a frozen one. */
class ProcessFaultsTest {

  @TempDir
  Path dir;

  private FakeStack stack;

  @BeforeEach
  void stack() {
    stack = new FakeStack(dir);
  }

  @AfterEach
  void close() {
    RecordedStack.of(stack.state).stop(Duration.ofSeconds(2));
    stack.close();
  }

  @Test
  void killEndsTheProcessAndWithdrawsItsAnnouncementsButKeepsItsPidFile() throws Exception {
    Process p = stack.child("cinder-scheduler", "http://127.0.0.1:1");

    FaultOutcome done = ProcessFaults.kill(stack.state, "cinder-scheduler");

    assertThat(done.line()).isEqualTo("cinder-scheduler (pid " + p.pid() + ") killed (SIGKILL)");
    assertThat(p.waitFor()).isEqualTo(137);
    assertThat(stack.state.readyFile("cinder-scheduler").exists()).isFalse();
    assertThat(stack.state.adminFile("cinder-scheduler")).doesNotExist();
    assertThat(stack.state.pidFile("cinder-scheduler").read()).hasValue(p.pid());  // status: "not running"
    assertThatThrownBy(() -> ProcessFaults.kill(stack.state, "cinder-scheduler"))
        .isInstanceOf(LaunchException.class).hasMessageContaining("cinder-scheduler is not running");
  }

  @Test
  void terminateSendsSigtermAndWaits() throws Exception {
    Process p = stack.child("cinder-backup");

    assertThat(ProcessFaults.terminate(stack.state, "cinder-backup", Duration.ofSeconds(10)).done())
        .isEqualTo("terminated (SIGTERM)");
    assertThat(p.exitValue()).isEqualTo(143);
  }

  @Test
  void freezeStopsTheProcessUntilThawAndTheThawCancelsTheGuard() throws Exception {
    Process p = stack.child("cinder-volume");

    ProcessFaults.freeze(stack.state, "cinder-volume", Duration.ofSeconds(60));

    assertThat(FakeStack.procState(p.pid())).isEqualTo('T');
    assertThat(ProcessFaults.isFrozen(stack.state, "cinder-volume")).isTrue();
    long guard = FreezeRecord.read(stack.state, "cinder-volume").orElseThrow().guardPid();
    assertThat(ProcessHandle.of(guard)).hasValueSatisfying(g -> assertThat(ThawGuard.isGuardOf(g, p.pid())).isTrue());

    assertThat(ProcessFaults.thaw(stack.state, "cinder-volume").done()).isEqualTo("thawed (SIGCONT)");

    assertThat(FakeStack.procState(p.pid())).isNotEqualTo('T');
    assertThat(ProcessFaults.isFrozen(stack.state, "cinder-volume")).isFalse();
    assertThat(stack.state.frozenFile("cinder-volume")).doesNotExist();
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(guard).map(h -> !h.isAlive()).orElse(true));
  }

  @Test
  void theGuardThawsWhenTheTimeIsUpWithNobodyLeftToDoIt() throws Exception {
    Path ticks = stack.state.root().resolve("ticks");
    Process p = stack.tickingChild("cinder-volume", ticks);
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ticks) && Files.readAllLines(ticks).size() > 2);

    ProcessFaults.freeze(stack.state, "cinder-volume", Duration.ofSeconds(3));

    long before = Files.readAllLines(ticks).size();
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(ticks).size() > before + 2);
    assertThat(FakeStack.procState(p.pid())).isNotEqualTo('T');
    // stopped for most of the 3 s (the guard's sleep began just before the SIGSTOP), then running again
    assertThat(FakeStack.longestGap(ticks)).isGreaterThan(2000);
    assertThat(stack.state.frozenFile("cinder-volume")).exists();  // nobody thawed it but the guard
  }

  @Test
  void aFreezeIsBoundedAndNeedsARunningChild() {
    assertThatThrownBy(() -> ProcessFaults.freeze(stack.state, "cinder-api", Duration.ofHours(2)))
        .hasMessageContaining("from 1 s to 3600 s");
    assertThatThrownBy(() -> ProcessFaults.freeze(stack.state, "cinder-api", Duration.ofSeconds(5)))
        .hasMessageContaining("cinder-api is not running");
  }

  @Test
  void downResumesAFrozenChildSoThatItsSigtermIsNotLeftPending() throws Exception {
    Process p = stack.child("cinder-volume");
    ProcessFaults.freeze(stack.state, "cinder-volume", Duration.ofSeconds(60));
    long guard = FreezeRecord.read(stack.state, "cinder-volume").orElseThrow().guardPid();
    try {
      List<String> report = RecordedStack.of(stack.state).stop(Duration.ofSeconds(5));

      assertThat(report).contains("cinder-volume (pid " + p.pid() + ") stopped");
      assertThat(p.exitValue()).isEqualTo(143);
      assertThat(stack.state.frozenFile("cinder-volume")).doesNotExist();
    } finally {
      ThawGuard.cancel(guard, p.pid());
    }
  }

  @Test
  void restartStartsTheRecordedCommandAgainAndDownAndTheSupervisorSeeTheNewProcess() throws Exception {
    Supervisor up = new Supervisor(stack.state, List.of(fakeService("cinder-volume")));
    up.start();
    up.awaitReady(Duration.ofSeconds(60));
    long old = up.children().get(0).pid();

    FaultOutcome done = ProcessFaults.restart(stack.state, "cinder-volume", Duration.ofSeconds(60));

    assertThat(done.pid()).isNotEqualTo(old);
    assertThat(done.done()).isEqualTo("restarted and ready (was pid " + old + ")");
    assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(stack.state.pidFile("cinder-volume").read()).hasValue(done.pid());
    assertThat(RecordedStack.of(stack.state).status()).filteredOn(s -> s.binary().equals("cinder-volume"))
        .singleElement().satisfies(s -> assertThat(s.running() && s.ready()).isTrue());

    // the foreground `up` that started the first one stops the one that replaced it
    ProcessHandle restarted = ProcessHandle.of(done.pid()).orElseThrow();
    up.stop(Duration.ofSeconds(5));
    assertThat(restarted.isAlive()).isFalse();
  }

  @Test
  void aKilledChildRestartsButNotOneWhoseStackWentDown() throws Exception {
    Supervisor up = new Supervisor(stack.state, List.of(fakeService("cinder-backup")));
    up.start();
    up.awaitReady(Duration.ofSeconds(60));
    up.detach();
    ProcessFaults.kill(stack.state, "cinder-backup");

    assertThat(ProcessFaults.restart(stack.state, "cinder-backup", Duration.ofSeconds(60)).done())
        .isEqualTo("restarted and ready (was not running)");

    RecordedStack.of(stack.state).stop(Duration.ofSeconds(5));
    assertThatThrownBy(() -> ProcessFaults.restart(stack.state, "cinder-backup", Duration.ofSeconds(60)))
        .hasMessageContaining("cinder-backup is not part of a running stack");
  }

  @Test
  void theCommandLineChecksEveryNameFirst() throws Exception {
    stack.child("cinder-api");
    StringWriter err = new StringWriter();
    CommandLine cl = CinderEmu.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));

    assertThat(cl.execute("chaos", "kill", "cinder-api", "cinder-nope", "--state-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no child 'cinder-nope'").contains("cinder-api");
    assertThat(stack.state.readyFile("cinder-api").exists()).isTrue();  // nothing was killed
    assertThat(cl.execute("chaos", "freeze", "cinder-api", "--state-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--seconds");
    assertThat(cl.execute("chaos", "--state-dir", dir.toString())).isEqualTo(2);
    assertThat(cl.execute("chaos")).isEqualTo(2);
    assertThat(err.toString()).contains("missing verb: add, list, clear, kill, terminate, freeze, thaw, restart");
  }

  /** A FakeService child whose command line passes for the stack's (it names CinderEmu and the state dir). */
  private ChildSpec fakeService(String name) {
    return ChildSpec.javaMain(name, FakeService.class.getName(),
        List.of(name, stack.state.toString(), "ready", CinderEmu.class.getName()));
  }
}
