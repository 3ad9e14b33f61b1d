package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@link FakeService} child on a lifeline from this test, which plays the supervisor. */
class ParentLifelineTest {

  private static final Duration QUIET = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  private Process child;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  private Process start(boolean onLifeline) throws IOException {
    StateDir state = new StateDir(dir).create();
    ProcessBuilder builder = new ProcessBuilder(FakeService.spec("c-vol", state, "ready").command())
        .redirectErrorStream(true).redirectOutput(dir.resolve("c-vol.log").toFile());
    if (onLifeline) {
      builder.environment().put(ParentLifeline.ENV, ParentLifeline.STDIN);
    }
    child = builder.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> state.readyFile("c-vol").read().isPresent());
    return child;
  }

  @Test
  void aChildStopsCleanlyWhenTheSupervisorsEndOfThePipeCloses() throws Exception {
    Process p = start(true);

    p.getOutputStream().close();  // what the kernel does for a supervisor that dies, even by SIGKILL

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("c-vol.log"))).contains("fake c-vol stopped");  // its hooks ran
  }

  @Test
  void aDetachedChildOutlivesThePipe() throws Exception {
    Process p = start(true);

    ParentLifeline.detach(p.getOutputStream());

    await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(p::isAlive);
  }

  @Test
  void aChildStartedWithoutALifelineIgnoresItsStdin() throws Exception {
    Process p = start(false);

    p.getOutputStream().close();

    await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(p::isAlive);
  }
}
