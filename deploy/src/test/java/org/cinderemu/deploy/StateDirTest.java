package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

  @TempDir
  Path dir;

  @Test
  void createMakesTheStateDirectoryPrivateAlsoWhenItExisted() throws Exception {
    Path root = Files.createDirectories(dir.resolve("s"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));  // as an older launcher left it

    StateDir state = new StateDir(root).create();

    for (Path d : new Path[] {state.root(), state.logsDir(), state.runDir()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void pidFilesAreWrittenPrivate() throws Exception {
    StateDir state = new StateDir(dir).create();
    state.pidFile("cinder-api").write(42);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.pidFile("cinder-api").path())))
        .isEqualTo("rw-------");
  }
}
