package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbPasswordTest {

  @TempDir
  Path dir;

  @Test
  void madeOnceRandomAndKeptInAPrivateFile() throws Exception {
    StateDir state = new StateDir(dir.resolve("a")).create();

    String password = DbPassword.ensure(state);

    assertThat(password).matches("[0-9a-f]{64}");
    assertThat(DbPassword.ensure(state)).isEqualTo(password);
    assertThat(DbPassword.read(state)).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.dbPasswordFile())))
        .isEqualTo("rw-------");
    assertThat(DbPassword.ensure(new StateDir(dir.resolve("b")).create())).isNotEqualTo(password);
  }

  @Test
  void aLooselyCopiedFileIsMadePrivateAgain() throws Exception {
    StateDir state = new StateDir(dir).create();
    String password = DbPassword.ensure(state);
    Files.setPosixFilePermissions(state.dbPasswordFile(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(DbPassword.ensure(state)).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.dbPasswordFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void aMissingOrMangledFileIsAClearError() throws Exception {
    StateDir state = new StateDir(dir).create();
    assertThatThrownBy(() -> DbPassword.read(state)).isInstanceOf(LaunchException.class)
        .hasMessageContaining(state.dbPasswordFile() + " is missing");

    Files.writeString(state.dbPasswordFile(), "secret;INIT=RUNSCRIPT FROM 'x'\n");
    assertThatThrownBy(() -> DbPassword.read(state)).isInstanceOf(LaunchException.class)
        .hasMessageContaining("is not 32 hex-encoded bytes");
  }
}
