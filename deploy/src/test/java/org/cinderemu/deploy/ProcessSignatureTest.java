package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSignatureTest {

  @TempDir
  Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopStarted() {
    started.forEach(Process::destroyForcibly);
  }

  private Process track(Process p) {
    started.add(p);
    return p;
  }

  @Test
  void aProcessRunningOurMainClassOnThisStateDirIsOurs() throws Exception {
    StateDir state = new StateDir(dir.resolve("s")).create();
    Process child = track(StandIn.ofStack(state));

    assertThat(ProcessSignature.of(state).test(child.toHandle())).isTrue();
    // `down` may name the directory through a link
    Path link = Files.createSymbolicLink(dir.resolve("link"), state.root());
    assertThat(ProcessSignature.of(new StateDir(link)).test(child.toHandle())).isTrue();
  }

  @Test
  void aForeignProcessOrAnotherStacksIsNotOurs() throws Exception {
    StateDir state = new StateDir(dir.resolve("s")).create();
    StateDir other = new StateDir(dir.resolve("other")).create();

    assertThat(ProcessSignature.of(state).test(track(StandIn.foreign()).toHandle())).isFalse();
    assertThat(ProcessSignature.of(state).test(track(StandIn.ofStack(other)).toHandle())).isFalse();
    assertThat(ProcessSignature.of(state).test(ProcessHandle.current())).isFalse();
  }

  @Test
  void theCommandLineIsReadFromTheProcessItself() throws Exception {
    Process sleep = track(StandIn.foreign());

    assertThat(ProcessSignature.commandLine(sleep.toHandle())).containsExactly("sleep", "120");
  }
}
