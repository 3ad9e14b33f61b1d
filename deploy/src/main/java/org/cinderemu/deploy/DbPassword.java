package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The random password of a stack's H2 database, made on the stack's first `up` and kept in a 0600 file of the
 * state directory. It reaches cinder-db through that file and the services through the 0600 cinder.conf, never
 * through a command line; hex, so it needs no quoting inside an H2 url.
 */
final class DbPassword {

  private static final int BYTES = 32;

  private DbPassword() {
  }

  /** The stack's password, made now if the stack has none yet. */
  static String ensure(StateDir state) {
    Path file = state.dbPasswordFile();
    try {
      if (!Files.exists(file)) {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        PrivateFiles.write(file, HexFormat.of().formatHex(secret) + "\n");
      }
      Files.setPosixFilePermissions(file, PrivateFiles.OWNER_FILE);  // also one an operator copied in loosely
    } catch (IOException e) {
      throw new LaunchException("cannot write the database password " + file + ": " + e.getMessage(), e);
    }
    return read(state);
  }

  /** The stack's password; fails naming the file when it is missing or not what {@link #ensure} writes. */
  static String read(StateDir state) {
    Path file = state.dbPasswordFile();
    String password;
    try {
      password = Files.readString(file).strip();
    } catch (NoSuchFileException e) {
      throw new LaunchException("the database password " + file + " is missing; `cinder-emu up` makes it");
    } catch (IOException e) {
      throw new LaunchException("cannot read the database password " + file + ": " + e.getMessage(), e);
    }
    if (!password.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
      throw new LaunchException("the database password " + file + " is not " + BYTES + " hex-encoded bytes");
    }
    return password;
  }
}
