package org.cinderemu.deploy.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code logs --follow}: after the history, the lines services append, as {@code tail -F} prints them. Each poll
 * reads only the bytes past the last offset of each file; a file that shrinks (replaced) is read again from its
 * start, and a file that appears (a service started later) is picked up.
 */
final class LogFollower {

  private static final int MAX_READ = 4 << 20;

  private final Path dir;
  private final String service;
  private final Predicate<LogEntry> keep;
  private final Map<Path, Followed> files = new LinkedHashMap<>();

  LogFollower(Path dir, String service, Predicate<LogEntry> keep) {
    this.dir = dir;
    this.service = service;
    this.keep = keep;
  }

  /** Where the history ended: called before the history is printed, so nothing appended meanwhile is lost. */
  void markEnds() throws IOException {
    for (Path f : LogFiles.select(dir, service)) {
      files.put(f, new Followed(LogFiles.serviceOf(f), Files.size(f)));
    }
  }

  long offset(Path file) {
    Followed f = files.get(file);
    return f == null ? 0 : f.offset;
  }

  /** One poll: every complete line appended since the last one, event by event. */
  void poll(Consumer<LogEntry> sink) throws IOException {
    for (Path f : LogFiles.select(dir, service)) {
      files.computeIfAbsent(f, p -> new Followed(LogFiles.serviceOf(p), 0)).read(f, keep, sink);
    }
  }

  private static final class Followed {
    private final String service;
    private long offset;
    private byte[] partial = new byte[0];
    private boolean lastKept;
    private String lastTimestamp = "";

    Followed(String service, long offset) {
      this.service = service;
      this.offset = offset;
    }

    void read(Path file, Predicate<LogEntry> keep, Consumer<LogEntry> sink) throws IOException {
      long size = Files.size(file);
      if (size < offset) {
        offset = 0;  // truncated or replaced
        partial = new byte[0];
      }
      if (size == offset) {
        return;
      }
      // bytes, not text, until a whole line is in: a UTF-8 character may straddle two reads
      byte[] bytes = new byte[partial.length + (int) Math.min(size - offset, MAX_READ)];
      System.arraycopy(partial, 0, bytes, 0, partial.length);
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        in.seek(offset);
        in.readFully(bytes, partial.length, bytes.length - partial.length);
      }
      offset += bytes.length - partial.length;
      int end = lastNewline(bytes);
      partial = Arrays.copyOfRange(bytes, end + 1, bytes.length);
      if (end < 0) {
        return;
      }
      for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1)) {
        emit(line, keep, sink);
      }
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** A continuation line goes out only when the event it continues did. */
    private void emit(String line, Predicate<LogEntry> keep, Consumer<LogEntry> sink) {
      if (LogEntry.startsEvent(line)) {
        lastTimestamp = LogEntry.timestampOf(line);
        LogEntry e = new LogEntry(service, lastTimestamp, line);
        lastKept = keep.test(e);
        if (lastKept) {
          sink.accept(e);
        }
      } else if (lastKept) {
        sink.accept(new LogEntry(service, lastTimestamp, line));
      }
    }
  }
}
