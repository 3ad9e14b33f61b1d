package org.cinderemu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A file holding one process id: the supervisor's {@code <binary>.pid} and the service's {@code <binary>.ready}.
 * Written atomically (temp file + move) so a reader never sees half a number.
 */
public record PidFile(Path path) {

  // a recorded process must have started before its file was written; this slack covers coarse file clocks
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

  public void write(long pid) {
    try {
      Files.createDirectories(path.getParent());
      PrivateFiles.write(path, pid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The recorded pid; empty when the file is missing or does not hold a number. */
  public OptionalLong read() {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(path).strip()));
    } catch (NoSuchFileException | NumberFormatException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public boolean exists() {
    return Files.exists(path);
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * The live process this file records, if {@code ours} recognises it (its command line: a recorded pid may have
   * been reused by any process since). A process that started after the file was written reused the pid too.
   */
  public Optional<ProcessHandle> liveProcess(Predicate<ProcessHandle> ours) {
    OptionalLong pid = read();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
    Optional<Instant> written = lastModified();
    return handle.filter(h -> written.isEmpty() || h.info().startInstant()
        .map(started -> !started.isAfter(written.get().plus(CLOCK_SLACK)))
        .orElse(true))
        .filter(ours);
  }

  private Optional<Instant> lastModified() {
    try {
      return Optional.of(Files.getLastModifiedTime(path)).map(FileTime::toInstant);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
