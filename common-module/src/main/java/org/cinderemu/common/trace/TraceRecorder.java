package org.cinderemu.common.trace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.TraceRepository;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcInterceptor;
import org.cinderemu.common.rpc.RpcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's trace recording: hops and status changes go into a bounded in-memory buffer (a full buffer drops
 * and counts, never blocks), and a timer on the service's context writes them to the shared database in small
 * batches and prunes rows past the retention. Nothing here runs on the RPC path but an enqueue.
 */
public final class TraceRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
  static final int BATCH = 200;
  static final long FLUSH_INTERVAL_MS = 250;
  static final long PRUNE_INTERVAL_MS = Duration.ofMinutes(10).toMillis();

  private final Vertx vertx;
  private final TraceRepository repository;
  private final TraceOptions options;
  private final String binary;
  private final String host;
  private final Queue<Hop> hops = new ConcurrentLinkedQueue<>();
  private final Queue<StatusChange> changes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final List<Long> timers = new ArrayList<>();
  private final OtlpExporter otlp;
  private long droppedReported;
  private Future<Void> inFlight = Future.succeededFuture();

  /** Without its timers and hook (tests flush by hand); {@link #start} is the way in. */
  TraceRecorder(Vertx vertx, Database db, TraceOptions options, String binary, String host) {
    this.vertx = vertx;
    this.repository = new TraceRepository(db);
    this.options = options;
    this.binary = binary;
    this.host = host;
    this.otlp = options.otlpEndpoint() == null ? null
        : new OtlpExporter(vertx, options.otlpEndpoint(), options.bufferSize(), binary, host);
  }

  /**
   * Starts recording for one service: its transport gets {@link #interceptor()}, its database the status hook.
   * Call on the service's context (the timers run there). Null when tracing is off.
   */
  public static TraceRecorder start(Vertx vertx, Database db, TraceOptions options, String binary, String host) {
    if (!options.enabled()) {
      return null;
    }
    TraceRecorder r = new TraceRecorder(vertx, db, options, binary, host);
    db.onStatusChange(r::statusChanged);
    r.timers.add(vertx.setPeriodic(FLUSH_INTERVAL_MS, id -> r.flush()));
    r.timers.add(vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> r.prune()));
    return r;
  }

  /**
   * {@link #start} with the options of {@code conf}, its interceptor added to {@code transport}: the one line a
   * service adds where it makes its transport. Null when tracing is off.
   */
  public static TraceRecorder attach(Vertx vertx, Database db, RpcTransport transport, CinderConf conf,
      String binary, String host) {
    TraceRecorder r = start(vertx, db, TraceOptions.from(conf), binary, host);
    if (r != null) {
      transport.addInterceptor(r.interceptor());
    }
    return r;
  }

  public RpcInterceptor interceptor() {
    return new TraceInterceptor(this, binary, host, otlp != null);
  }

  /** Hops and status changes lost to a full buffer or a failed write since start. */
  public long dropped() {
    return dropped.get();
  }

  void record(Hop hop) {
    if (reserve()) {
      hops.add(hop);
      if (otlp != null && !otlp.add(hop)) {
        dropped.incrementAndGet();
      }
    }
  }

  void record(StatusChange change) {
    if (reserve()) {
      changes.add(change);
    }
  }

  private boolean reserve() {
    if (buffered.incrementAndGet() > options.bufferSize()) {
      buffered.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** The status hook of {@link Database#onStatusChange}: runs on the caller's context, under its request. */
  void statusChanged(String table, String id, Object expected, String status) {
    String from = describe(expected);
    if (status.equals(from)) {
      return; // other columns written under an unchanged status (a backup's host, say): no transition
    }
    LogContext ctx = LogContexts.current();
    String type = "volumes".equals(table) ? "volume" : "backup";
    record(new StatusChange(ctx == null ? null : ctx.requestId(), type, id, from, status, binary, host, now()));
  }

  private static String describe(Object expected) {
    if (expected instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
    return expected == null ? null : expected.toString();
  }

  /** Now, to the microsecond every database keeps. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Writes what is buffered, batch after batch; while a flush runs, the next ticks join it. */
  public Future<Void> flush() {
    if (!inFlight.isComplete()) {
      return inFlight;
    }
    inFlight = flushBatches().eventually(() -> {
      reportDrops();
      return otlp == null ? Future.succeededFuture() : otlp.flush();
    });
    return inFlight;
  }

  private Future<Void> flushBatches() {
    List<Hop> hopBatch = drain(hops);
    List<StatusChange> changeBatch = drain(changes);
    if (hopBatch.isEmpty() && changeBatch.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = hopBatch.size() + changeBatch.size();
    return repository.insertHops(hopBatch)
        .compose(v -> repository.insertStatusChanges(changeBatch))
        .recover(e -> {
          dropped.addAndGet(n);
          LOG.warn("{} trace rows of {} on {} not written: {}", n, binary, host, e.getMessage());
          return Future.succeededFuture();
        })
        .compose(v -> flushBatches());
  }

  private <T> List<T> drain(Queue<T> queue) {
    List<T> batch = new ArrayList<>();
    T item;
    while (batch.size() < BATCH && (item = queue.poll()) != null) {
      batch.add(item);
      buffered.decrementAndGet();
    }
    return batch;
  }

  private void reportDrops() {
    long now = dropped.get();
    if (now > droppedReported) {
      LOG.warn("{} trace rows of {} on {} dropped so far (buffer of {} full or database failing)", now, binary, host,
          options.bufferSize());
      droppedReported = now;
    }
  }

  private void prune() {
    repository.prune(Instant.now().minus(Duration.ofHours(options.retentionHours())))
        .onSuccess(n -> LOG.debug("pruned {} trace rows", n))
        .onFailure(e -> LOG.warn("pruning trace rows failed: {}", e.getMessage()));
  }

  /** Stops the timers and writes what is left (a service stops: its last hops must not be lost). */
  public Future<Void> stop() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    return inFlight.transform(x -> flush());
  }
}
