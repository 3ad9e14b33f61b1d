package org.cinderemu.deploy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * One child's {@code logs/<name>.log} across runs: every run appends below a separator line, so a previous run's
 * lines (the ones that explain why it was restarted) are never lost, and the tail shown for a failed start is
 * read from this run's first byte on. Appended, not rotated: Cinder's services append to their {@code log_file}
 * and leave rotation to logrotate, which the children's O_APPEND output survives (copytruncate).
 *
 * @param file the log file, 0600
 * @param start the offset of this run's first line, after the separator
 */
record ChildLog(Path file, long start) {

  static final String SEPARATOR = "==== cinder-emu up pid ";
  // the services' logback pattern starts every line so: `cinder-emu logs` then sorts the separator by its time
  private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final int TAIL_MAX_BYTES = 64 * 1024;

  /**
   * Opens the log for a new run: created 0600 if missing (kept, and made 0600, if not), then the separator
   * {@code <time> ==== cinder-emu up pid <launcher pid> ====}.
   */
  static ChildLog open(Path file, Clock clock, long launcherPid) throws IOException {
    PrivateFiles.appendable(file);
    String separator = LINE_TIME.format(LocalDateTime.now(clock)) + " " + SEPARATOR + launcherPid + " ====\n";
    // a previous run killed in the middle of a line: the separator still starts a line of its own
    String text = endsInsideALine(file) ? "\n" + separator : separator;
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return new ChildLog(file, Files.size(file));
  }

  /** The last {@code lines} lines this run wrote (at most 64 KiB of them); empty when it wrote nothing. */
  String tail(int lines) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      // a log truncated under us (logrotate's copytruncate) holds only this run's lines
      long from = Math.max(length < start ? 0 : start, length - TAIL_MAX_BYTES);
      byte[] buf = new byte[(int) (length - from)];
      f.seek(from);
      f.readFully(buf);
      String text = new String(buf, StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        return "";
      }
      List<String> all = Arrays.asList(text.split("\r?\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean endsInsideALine(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() == 0) {
        return false;
      }
      f.seek(f.length() - 1);
      return f.read() != '\n';
    }
  }
}
