package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.cinderemu.deploy.PrivateFiles;
import org.cinderemu.deploy.StateDir;

/**
 * {@code run/<child>.frozen}: a child {@code chaos freeze} stopped, until when, and the pid of the guard that
 * resumes it then. {@code thaw}, a new freeze and {@code down} read it; it goes when the child runs again.
 */
record FreezeRecord(long pid, Instant until, long guardPid) {

  static Optional<FreezeRecord> read(StateDir state, String child) {
    Path file = state.frozenFile(child);
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      return Optional.of(new FreezeRecord(json.getLong("pid"), Instant.parse(json.getString("until")),
          json.getLong("guard_pid")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      return Optional.empty();  // half a record from an older run: nothing to rely on, the guard still thaws
    }
  }

  void write(StateDir state, String child) {
    try {
      PrivateFiles.write(state.frozenFile(child), new JsonObject().put("pid", pid).put("until", until.toString())
          .put("guard_pid", guardPid).encode() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + state.frozenFile(child), e);
    }
  }

  static void delete(StateDir state, String child) {
    try {
      Files.deleteIfExists(state.frozenFile(child));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + state.frozenFile(child), e);
    }
  }
}
