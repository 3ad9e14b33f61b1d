package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories of a stack that only its owner may read: the state directory holds broker credentials
 * (cinder.conf), the database password and the logs, and the emulator runs beside other users' processes.
 * POSIX permissions: the launcher needs Linux or macOS anyway (setsid, /proc).
 */
public final class PrivateFiles {

  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {
  }

  /** Creates the directory (and its parents) if missing, then makes it 0700, also when it existed before. */
  public static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, OWNER_DIR);
    return dir;
  }

  /**
   * Replaces {@code file} with {@code text} atomically: a temp file created 0600 in the same directory, then
   * renamed over it, so a reader never sees half a file and the content is never readable by others.
   */
  public static void write(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", owner(OWNER_FILE));
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A 0600 file to append to, for a child's log: created if missing, its content kept if not. */
  static Path appendable(Path file) throws IOException {
    if (Files.notExists(file)) {
      return Files.createFile(file, owner(OWNER_FILE));
    }
    Files.setPosixFilePermissions(file, OWNER_FILE);  // an older launcher left its logs 0644
    return file;
  }

  private static FileAttribute<Set<PosixFilePermission>> owner(Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
