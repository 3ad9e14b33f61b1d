package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A child that writes its class data sharing archive at exit is recognised, so it gets the time to write it. */
class ProcessesTest {

  @Test
  void aChildDumpingItsArchiveAtExitIsRecognisedByItsCommandLine() throws Exception {
    Process dumping = new ProcessBuilder("/bin/sh", "-c", "sleep 30", "-XX:ArchiveClassesAtExit=/tmp/x.jsa").start();
    Process plain = new ProcessBuilder("/bin/sh", "-c", "sleep 30").start();
    try {
      assertThat(Processes.dumpsArchiveAtExit(dumping.toHandle())).isTrue();
      assertThat(Processes.dumpsArchiveAtExit(plain.toHandle())).isFalse();
    } finally {
      dumping.destroyForcibly();
      plain.destroyForcibly();
    }
  }
}
