package org.cinderemu.backup.driver;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A backup container on the posix file system: the directory {@code <backup_posix_path>/<container>} holding
 * objects as plain files, each written through {@link AtomicFileWriter}. Blocking; the driver calls it from
 * worker threads only.
 */
final class PosixContainer {

  private final Path base;
  private final Path dir;
  private final AtomicFileWriter writer;

  private PosixContainer(Path base, Path dir, AtomicFileWriter writer) {
    this.base = base;
    this.dir = dir;
    this.writer = writer;
  }

  static PosixContainer of(Path base, String container) {
    return of(base, container, AtomicFileWriter.DEFAULT);
  }

  /** Refuses containers that would leave the backup directory (absolute, "..", empty). */
  static PosixContainer of(Path base, String container, AtomicFileWriter writer) {
    if (container == null || container.isBlank() || container.startsWith("/") || container.contains("\\")) {
      throw new IllegalArgumentException("invalid backup container '" + container + "'");
    }
    Path dir = base.resolve(container).normalize();
    if (!dir.startsWith(base) || dir.equals(base)) {
      throw new IllegalArgumentException("backup container '" + container + "' escapes " + base);
    }
    return new PosixContainer(base, dir, writer);
  }

  /** The container of a stored backup; refuses one that never stored anything. */
  static PosixContainer of(Path base, StoredBackup backup) {
    if (backup.container() == null || backup.serviceMetadata() == null) {
      throw new IllegalArgumentException("backup " + backup.backupId()
          + " has no stored objects (container or service_metadata unset)");
    }
    return of(base, backup.container());
  }

  Path dir() {
    return dir;
  }

  Path pathOf(String objectName) {
    if (objectName.isEmpty() || objectName.contains("/") || objectName.startsWith(".")) {
      throw new IllegalArgumentException("invalid object name '" + objectName + "'");
    }
    return dir.resolve(objectName);
  }

  /** Writes a new object, complete or not at all; never overwrites one. */
  void write(String objectName, byte[] bytes) throws IOException {
    Path file = pathOf(objectName);
    try {
      Files.createDirectories(dir);
      writer.write(file, bytes);
    } catch (NoSuchFileException e) {
      // a concurrent delete pruned an empty parent between our mkdir and our create: once more
      Files.createDirectories(dir);
      writer.write(file, bytes);
    }
  }

  /** A new object to write piece by piece ({@link PartFile}); never overwrites one. */
  PartFile create(String objectName) throws IOException {
    Path file = pathOf(objectName);
    try {
      Files.createDirectories(dir);
      return writer.open(file);
    } catch (NoSuchFileException e) {
      // as in write(): a concurrent delete pruned the fresh directory
      Files.createDirectories(dir);
      return writer.open(file);
    }
  }

  /** The object's bytes as a stream (the restore reads objects piece by piece). */
  InputStream open(String objectName) throws IOException {
    return Files.newInputStream(pathOf(objectName));
  }

  /** Makes the objects written so far durable (their renames), e.g. before the metadata that lists them. */
  void sync() throws IOException {
    AtomicFileWriter.syncDirectory(dir);
  }

  byte[] read(String objectName) throws IOException {
    return Files.readAllBytes(pathOf(objectName));
  }

  void writeJson(String objectName, JsonObject json) throws IOException {
    write(objectName, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
  }

  JsonObject readJson(String objectName) throws IOException {
    return new JsonObject(new String(read(objectName), StandardCharsets.UTF_8));
  }

  /** A JSON file of a backup; missing or unreadable, it is a {@link BackupCorruptedException}. */
  JsonObject readBackupJson(String name, String backupId) throws IOException {
    try {
      return readJson(name);
    } catch (NoSuchFileException e) {
      throw new BackupCorruptedException(name + " of backup " + backupId + " is missing from " + dir, e);
    } catch (DecodeException e) {
      throw new BackupCorruptedException(name + " of backup " + backupId + " is not valid JSON", e);
    }
  }

  /** Deletes the objects of the backup with this prefix, and any it was writing; returns their names. */
  List<String> deleteBackup(String prefix) throws IOException {
    List<String> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return deleted;
    }
    Pattern mine = Pattern.compile(Pattern.quote(prefix) + "(-\\d+|_metadata|_sha256file)("
        + Pattern.quote(AtomicFileWriter.PART_SUFFIX) + ")?");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (mine.matcher(name).matches()) {
          Files.deleteIfExists(file);
          deleted.add(name);
        }
      }
    }
    return deleted;
  }

  /** Removes the container directory and its parents below the backup directory, as far as they are empty. */
  void pruneEmptyDirectories() throws IOException {
    for (Path d = dir; d != null && d.startsWith(base) && !d.equals(base); d = d.getParent()) {
      try {
        Files.deleteIfExists(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }
}
