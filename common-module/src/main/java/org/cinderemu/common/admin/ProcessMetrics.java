package org.cinderemu.common.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The one Prometheus registry of a service process, which its admin endpoint serves, and the Vert.x instance that
 * reports HTTP server/client, pool and event-loop metrics into it. Verticles find it through {@link #current()}
 * (one process, one endpoint); outside {@code cinder-emu service} (in-process tests) the default registry is simply
 * never scraped.
 */
public final class ProcessMetrics {

  /** Labels of Vert.x's own series: the route (not the raw path, which carries ids) keeps the API's cardinality low. */
  static final EnumSet<Label> VERTX_LABELS =
      EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME);

  private static volatile ProcessMetrics current = new ProcessMetrics();

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Supplier<Future<?>>> refreshers = new CopyOnWriteArrayList<>();

  private ProcessMetrics() {
    registry.config().meterFilter(new LintClean());
  }

  public static ProcessMetrics current() {
    return current;
  }


  /** Where every series of this process is registered. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The registry in Prometheus's text format 0.0.4. */
  String scrape() {
    return registry.scrape();
  }

  /** A Vert.x instance whose HTTP, pool and event-loop metrics go to this registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName("cinder-emu-" + System.identityHashCode(this))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(VERTX_LABELS)
        .setJvmMetricsEnabled(true)
        .setNettyMetricsEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * Work to do before each scrape (series computed from the database); it must not block. Returns what to call to
   * withdraw it when its verticle stops.
   */
  public Runnable onScrape(Supplier<Future<?>> refresher) {
    refreshers.add(refresher);
    return () -> refreshers.remove(refresher);
  }

  /** Runs every refresher, waiting at most {@code bound}: a slow one leaves its series as they were. */
  Future<Void> refresh(Vertx vertx, Duration bound) {
    List<Future<?>> all = new ArrayList<>();
    refreshers.forEach(r -> all.add(r.get()));
    Future<Void> done = Future.join(all).mapEmpty();
    Future<Void> timeout = vertx.timer(bound.toMillis()).mapEmpty();
    return Future.any(done, timeout).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }
}
