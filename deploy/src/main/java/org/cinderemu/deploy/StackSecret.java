package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random secret of one stack (the database's, the embedded broker's), made on the stack's first `up` and kept
 * in a 0600 file of the state directory. It reaches its server through that file and the services through the
 * 0600 cinder.conf, never through a command line; hex, so it needs no quoting inside a URL.
 *
 * @param file where the secret is kept
 * @param what how errors name it, e.g. "the database password"
 */
public record StackSecret(Path file, String what) {

  private static final int BYTES = 32;

  /** The secret, made now if the stack has none yet. */
  public String ensure() {
    try {
      if (!Files.exists(file)) {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        PrivateFiles.write(file, HexFormat.of().formatHex(secret) + "\n");
      }
      Files.setPosixFilePermissions(file, PrivateFiles.OWNER_FILE);  // also one an operator copied in loosely
    } catch (IOException e) {
      throw new LaunchException("cannot write " + what + " " + file + ": " + e.getMessage(), e);
    }
    return read();
  }

  /** The secret; fails naming the file when it is missing or not what {@link #ensure} writes. */
  public String read() {
    String secret;
    try {
      secret = Files.readString(file).strip();
    } catch (NoSuchFileException e) {
      throw new LaunchException(what + " " + file + " is missing; `cinder-emu up` makes it");
    } catch (IOException e) {
      throw new LaunchException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    if (!secret.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
      throw new LaunchException(what + " " + file + " is not " + BYTES + " hex-encoded bytes");
    }
    return secret;
  }
}
