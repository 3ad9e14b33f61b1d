package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir
  Path dir;

  @Test
  void writesReadsAndDeletesAPid() {
    PidFile f = new PidFile(dir.resolve("run/cinder-api.pid"));
    assertThat(f.read()).isEmpty();

    f.write(4242);
    assertThat(f.read()).hasValue(4242);
    assertThat(f.exists()).isTrue();
    f.write(4343);
    assertThat(f.read()).hasValue(4343);

    f.delete();
    assertThat(f.exists()).isFalse();
    f.delete();  // idempotent
  }

  @Test
  void garbageReadsAsNoPid() throws Exception {
    Path p = dir.resolve("x.pid");
    Files.writeString(p, "not a pid\n");
    assertThat(new PidFile(p).read()).isEmpty();
    assertThat(new PidFile(p).liveProcess(any -> true)).isEmpty();
  }

  @Test
  void findsTheLiveProcessItRecords() {
    PidFile f = new PidFile(dir.resolve("me.pid"));
    f.write(ProcessHandle.current().pid());
    assertThat(f.liveProcess(any -> true)).map(ProcessHandle::pid).hasValue(ProcessHandle.current().pid());
  }

  @Test
  void aProcessStartedAfterTheFileWasWrittenReusedThePidAndIsNotOurs() throws Exception {
    PidFile f = new PidFile(dir.resolve("old.pid"));
    f.write(ProcessHandle.current().pid());
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
    Files.setLastModifiedTime(f.path(), FileTime.from(jvmStart.minusSeconds(3600)));

    assertThat(f.liveProcess(any -> true)).isEmpty();
  }

  @Test
  void aLiveProcessThatIsNotOursIsNotTheOneRecorded() {
    PidFile f = new PidFile(dir.resolve("me.pid"));
    f.write(ProcessHandle.current().pid());

    assertThat(f.liveProcess(p -> false)).isEmpty();
  }

  @Test
  void aDeadProcessIsNotLive() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    PidFile f = new PidFile(dir.resolve("dead.pid"));
    f.write(p.pid());
    assertThat(f.liveProcess(any -> true)).isEmpty();
  }
}
