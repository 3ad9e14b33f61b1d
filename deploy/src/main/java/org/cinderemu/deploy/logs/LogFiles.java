package org.cinderemu.deploy.logs;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The stack's {@code logs/<service>.log} files read as events and merged in time order. Each file is already in
 * time order, so a k-way merge streams them with one pending event per file, whatever their size.
 */
public final class LogFiles {

  static final String SUFFIX = ".log";

  private LogFiles() {
  }

  /** The log files under {@code dir} whose service name starts with {@code service} (every file when null). */
  public static List<Path> select(Path dir, String service) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .filter(f -> service == null || serviceOf(f).startsWith(service))
          .sorted()
          .toList();
    }
  }

  public static String serviceOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  /**
   * Passes every event of the files that {@code keep} accepts to {@code sink}, oldest first, reading each file
   * up to {@code end} of it (where a follower takes over), or to its end.
   */
  public static void merge(List<Path> files, ToLongFunction<Path> end, Predicate<LogEntry> keep,
      Consumer<LogEntry> sink) throws IOException {
    List<EventReader> readers = new ArrayList<>();
    try {
      for (Path f : files) {
        InputStream in = new BoundedInput(Files.newInputStream(f), end.applyAsLong(f));
        readers.add(new EventReader(serviceOf(f), new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
      }
      // ties keep the file order, so one service's simultaneous events are never interleaved with another's
      PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.entry().timestamp())
          .thenComparingInt(Head::file));
      for (int i = 0; i < readers.size(); i++) {
        advance(heads, readers, i);
      }
      while (!heads.isEmpty()) {
        Head h = heads.poll();
        if (keep.test(h.entry())) {
          sink.accept(h.entry());
        }
        advance(heads, readers, h.file());
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (EventReader r : readers) {
        r.close();
      }
    }
  }

  private static void advance(PriorityQueue<Head> heads, List<EventReader> readers, int file) {
    if (readers.get(file).hasNext()) {
      heads.add(new Head(readers.get(file).next(), file));
    }
  }

  private record Head(LogEntry entry, int file) {
  }

  /** Stops at a byte count: the history ends where the follower starts, so no line is printed twice. */
  private static final class BoundedInput extends FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      left -= b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      left -= Math.max(n, 0);
      return n;
    }
  }

  /** Groups a file's lines into events; lines before the first timestamp (a JVM's own output) form their own. */
  static final class EventReader implements Iterator<LogEntry>, AutoCloseable {
    private final String service;
    private final BufferedReader in;
    private String pendingLine;
    private String lastTimestamp = "";

    EventReader(String service, BufferedReader in) {
      this.service = service;
      this.in = in;
      this.pendingLine = readLine();
    }

    @Override
    public boolean hasNext() {
      return pendingLine != null;
    }

    @Override
    public LogEntry next() {
      if (pendingLine == null) {
        throw new NoSuchElementException();
      }
      String first = pendingLine;
      // a line without a timestamp of its own sorts with the event before it
      String timestamp = LogEntry.startsEvent(first) ? LogEntry.timestampOf(first) : lastTimestamp;
      lastTimestamp = timestamp;
      StringBuilder text = new StringBuilder(first);
      while ((pendingLine = readLine()) != null && !LogEntry.startsEvent(pendingLine)) {
        text.append('\n').append(pendingLine);
      }
      return new LogEntry(service, timestamp, text.toString());
    }

    private String readLine() {
      try {
        return in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
