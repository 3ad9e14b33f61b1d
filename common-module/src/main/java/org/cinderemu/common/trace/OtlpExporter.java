package org.cinderemu.common.trace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the hops of one service as OTLP/HTTP JSON to {@code <emulator_otlp_endpoint>/v1/traces} (a collector,
 * Jaeger or Tempo), batch by batch after each database flush. A collector that is down loses those spans (one
 * warning per failure streak); the hops stay in the database for {@code cinder-emu trace}.
 */
final class OtlpExporter {

  private static final Logger LOG = LoggerFactory.getLogger(OtlpExporter.class);
  static final String PATH = "/v1/traces";
  private static final int BATCH = 512;

  private final HttpClient http;
  private final RequestOptions target;
  private final String binary;
  private final String host;
  private final Queue<Hop> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private boolean failing;

  OtlpExporter(Vertx vertx, String endpoint, int capacity, String binary, String host) {
    this.capacity = capacity;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
    this.target = target(endpoint);
    this.binary = binary;
    this.host = host;
  }

  static RequestOptions target(String endpoint) {
    URI uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("emulator_otlp_endpoint must be an http:// URL such as "
          + "http://127.0.0.1:4318, got '" + endpoint + "'");
    }
    String path = (uri.getPath() == null ? "" : uri.getPath());
    return new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
        .setPort(uri.getPort() < 0 ? 80 : uri.getPort())
        .setURI(path.endsWith(PATH) ? path : path + PATH)
        .putHeader("Content-Type", "application/json")
        .setTimeout(5000);
  }

    /** Queued for the next post; past {@code capacity} (a collector too slow) a span is dropped. */
  boolean add(Hop hop) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    pending.add(hop);
    return true;
  }

  Future<Void> flush() {
    List<Hop> batch = new ArrayList<>();
    Hop h;
    while (batch.size() < BATCH && (h = pending.poll()) != null) {
      batch.add(h);
      size.decrementAndGet();
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    var body = OtlpSpans.request(binary, host, batch).toBuffer();
    return http.request(target)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .compose(status -> status / 100 == 2 ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture("HTTP " + status))
        .onSuccess(v -> failing = false)
        .recover(e -> {
          if (!failing) {
            LOG.warn("OTLP export of {} spans to {}:{} failed: {}", batch.size(), target.getHost(),
                target.getPort(), e.getMessage());
            failing = true;
          }
          return Future.succeededFuture();
        })
        .compose(v -> pending.isEmpty() ? Future.<Void>succeededFuture() : flush());
  }
}
