package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples the run while it goes on, on one thread of its own: the database every {@link #TICK_MS} ms (each request's
 * status; the chart's counts), os-services and every child's {@code /metrics} every second. A failed read is
 * recorded as a gap, not a stop: the database or the API may be what the experiment breaks.
 */
final class Sampler implements AutoCloseable {

  static final long TICK_MS = 250;
  private static final int SLOW_EVERY = 4;

  /** One point of the chart: load requests by status, services reported down, whether the reads answered. */
  record Sample(long t, Map<String, Integer> counts, Integer servicesDown, boolean databaseRead) {
  }

  private final RequestLog log;
  private final RunDatabase db;
  private final CinderApi api;
  private final AdminEndpoints admin;
  private final CounterIncreases counters;
  private final LongSupplier clock;
  private final String project;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-sampler");
    t.setDaemon(true);
    return t;
  });
  private volatile String phase = "baseline";
  private volatile Integer servicesDown;
  private long ticks;

  Sampler(RequestLog log, RunDatabase db, CinderApi api, AdminEndpoints admin, CounterIncreases counters,
      LongSupplier clock) {
    this.log = log;
    this.db = db;
    this.api = api;
    this.admin = admin;
    this.counters = counters;
    this.clock = clock;
    this.project = api.project;
  }

  void start() {
    executor.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** The phase whose requests the chart counts from now on. */
  void phase(String p) {
    phase = p;
  }

  /** One read now, on the caller's thread (before a decision that needs the latest statuses). */
  synchronized void readNow() {
    readDatabase();
  }

  private synchronized void tick() {
    boolean read = readDatabase();
    if (ticks++ % SLOW_EVERY == 0) {
      servicesDown = servicesDown();
      scrapeMetrics();
    }
    if (!phase.equals("baseline")) {
      samples.add(new Sample(clock.getAsLong(), log.countsByStatus("load"), servicesDown, read));
    }
  }

  private boolean readDatabase() {
    try {
      long t = clock.getAsLong();
      log.saw(TrackedRequest.VOLUME, db.resources("volumes", project), t);
      log.saw(TrackedRequest.BACKUP, db.resources("backups", project), t);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** os-services rows reported down, or null when the API did not answer. */
  private Integer servicesDown() {
    Http.Answer a = api.call("GET", "/os-services", null);
    if (!a.ok()) {
      return null;
    }
    int down = 0;
    for (JsonNode s : a.json().path("services")) {
      if ("down".equals(s.path("state").asText()) && "enabled".equals(s.path("status").asText())) {
        down++;
      }
    }
    return down;
  }

  void scrapeMetrics() {
    admin.live().forEach((child, url) -> admin.metricsText(url).map(MetricsText::parse)
        .ifPresent(m -> counters.observe(child, m)));
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
