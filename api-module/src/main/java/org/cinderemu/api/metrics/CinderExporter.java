package org.cinderemu.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.cinderemu.api.core.ApiEnvironment;

/**
 * openstack-exporter built into cinder-api: the deployment's Cinder series, read again at a scrape when the last
 * read is older than {@link #CACHE}, so a scrape storm costs one read per {@code CACHE}; concurrent scrapes share the
 * read in flight (the admin endpoint answers with the previous values when it is slow).
 */
public final class CinderExporter {

  static final Duration CACHE = Duration.ofSeconds(2);
  /** A read still running after this (a database that stopped answering) no longer holds back new ones. */
  static final Duration ABANDON = Duration.ofSeconds(30);

  private final CinderInventoryReader reader;
  private final OpenstackCinderSeries series;
  private Future<Void> last;
  private long lastAt;

  public CinderExporter(Vertx vertx, ApiEnvironment env, MeterRegistry registry) {
    this.reader = new CinderInventoryReader(vertx, env);
    this.series = new OpenstackCinderSeries(registry);
  }

  /** Before a scrape: a fresh read unless the last one is recent (or still running). */
  public synchronized Future<?> refresh() {
    long now = System.nanoTime();
    boolean running = last != null && !last.isComplete();
    if (last != null && now - lastAt < (running ? ABANDON.toNanos() : CACHE.toNanos())) {
      return last;
    }
    lastAt = now;
    last = reader.read().map(inv -> {
      series.update(inv);
      return null;
    });
    return last;
  }
}
