package org.cinderemu.deploy.chaos.run;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.cinderemu.deploy.ProgressPrinter;

/** The live progress line while the load and the method run: requests by status and the last fault, every 2 s. */
final class LiveLine implements AutoCloseable {

  private static final long EVERY_MS = 2000;
  private final ScheduledExecutorService executor;

  private LiveLine(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static LiveLine start(ProgressPrinter printer, RequestLog log, LongSupplier clock, List<Journal.FaultEvent> events) {
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chaos-progress");
      t.setDaemon(true);
      return t;
    });
    ex.scheduleAtFixedRate(() -> printer.line(line(log, clock.getAsLong(), events)), EVERY_MS, EVERY_MS,
        TimeUnit.MILLISECONDS);
    return new LiveLine(ex);
  }

  static String line(RequestLog log, long t, List<Journal.FaultEvent> events) {
    String counts = log.countsByStatus("load").entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" · "));
    String last;
    synchronized (events) {
      last = events.isEmpty() ? "none yet" : events.get(events.size() - 1).name();
    }
    return String.format(Locale.ROOT, "  … %6.1f s  %s  | last activity: %s", t / 1000.0,
        counts.isEmpty() ? "no request yet" : counts, last);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
