package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database faults this process sees (docs/chaos.md, "Driver and database faults"), for every {@link Database} it
 * opened: a connection loss for N s, and stalls, a transaction holding the row locks of one table for N s. The Java
 * API of the {@code db} group, for the admin endpoint, tests and the experiment runner. Thread-safe.
 */
public final class DatabaseFaults {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseFaults.class);
  private static final DatabaseFaults CURRENT = new DatabaseFaults(Clock.systemUTC());

  /** The tables the hot paths write, which a stall may lock. */
  public static final Set<String> STALL_TABLES = Set.of("quota_usages", "quotas", "services", "volumes", "backups",
      "workers");
  /** The longest fault: an hour, so that a mistyped number does not wedge a stack for days. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private volatile Instant disconnectedUntil = Instant.EPOCH;
  private final Set<SeverableConnection> connections = ConcurrentHashMap.newKeySet();
  // in attach order: a stall takes the newest, since one whose owner closed Vert.x without closing it may linger
  private final Map<Database, Vertx> databases = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
  private final Map<String, Runnable> releases = new ConcurrentHashMap<>();

  /** One active stall. */
  public record Stall(String table, Instant until, int rowsLocked) {
    JsonObject toJson(Instant now) {
      return new JsonObject().put("table", table).put("until", until.toString())
          .put("seconds_left", secondsLeft(until, now)).put("rows_locked", rowsLocked);
    }
  }

  DatabaseFaults(Clock clock) {
    this.clock = clock;
  }

  public static DatabaseFaults current() {
    return CURRENT;
  }

  void attach(Database db, Vertx vertx) {
    databases.put(db, vertx);
  }

  void detach(Database db) {
    databases.remove(db);
  }

  private Optional<Map.Entry<Database, Vertx>> newestDatabase() {
    synchronized (databases) {
      Map.Entry<Database, Vertx> last = null;
      for (Map.Entry<Database, Vertx> e : databases.entrySet()) {
        last = e;
      }
      return Optional.ofNullable(last).map(e -> Map.entry(e.getKey(), e.getValue()));
    }
  }

  // ---- connection loss

  /**
   * Loses every database connection of this process for {@code duration} (or longer, when a loss already lasts
   * longer): new connections are refused, current ones fail each call, server sockets are closed.
   */
  public Future<Void> disconnect(Vertx vertx, Duration duration) {
    checkDuration(duration);
    Instant until = clock.instant().plus(duration);
    synchronized (this) {
      if (until.isAfter(disconnectedUntil)) {
        disconnectedUntil = until;
      }
      generation.incrementAndGet();
    }
    LOG.warn("chaos: database connections of this process lost until {}", disconnectedUntil);
    List<SeverableConnection> severed = new ArrayList<>(connections);
    return vertx.executeBlocking(() -> {
      severed.forEach(SeverableConnection::sever);
      return null;
    }, false);
  }

  /** Ends a connection loss now; the connections come back at their next use. */
  public synchronized void reconnect() {
    disconnectedUntil = Instant.EPOCH;
  }

  public boolean isDisconnected() {
    return clock.instant().isBefore(disconnectedUntil);
  }

  long generation() {
    return generation.get();
  }

  void refuseWhileDisconnected() throws SQLException {
    if (isDisconnected()) {
      throw new SQLNonTransientConnectionException(
          "Could not connect to the database: connection refused (emulated connection loss, docs/chaos.md)", "08001");
    }
  }

  void track(SeverableConnection c) {
    connections.add(c);
  }

  void untrack(SeverableConnection c) {
    connections.remove(c);
  }

  // ---- stalls

  /**
   * Locks every row of {@code table} for {@code duration}; succeeds once the locks are held (a row another
   * transaction holds is waited for, as any writer would).
   *
   * @throws IllegalArgumentException for a table not in {@link #STALL_TABLES}, a duration out of bounds, a stall of
   *     that table already active, or no database open in this process
   */
  public Future<Stall> stall(String table, Duration duration) {
    checkDuration(duration);
    if (!STALL_TABLES.contains(table)) {
      throw new IllegalArgumentException("table must be one of " + String.join(", ",
          STALL_TABLES.stream().sorted().toList()));
    }
    Map.Entry<Database, Vertx> any = newestDatabase()
        .orElseThrow(() -> new IllegalArgumentException("no database is open in this process"));
    Vertx vertx = any.getValue();
    Stall placeholder = new Stall(table, clock.instant().plus(duration), 0);
    if (stalls.putIfAbsent(table, placeholder) != null) {
      throw new IllegalArgumentException("a stall of " + table + " is already active");
    }
    return TableLock.take(vertx, any.getKey().url(), table)
        .onFailure(e -> stalls.remove(table, placeholder))
        .map(lock -> {
          Stall held = new Stall(table, clock.instant().plus(duration), lock.rows());
          stalls.put(table, held);
          LOG.warn("chaos: {} row(s) of {} locked until {}", lock.rows(), table, held.until());
          Runnable release = () -> lock.release(vertx).onComplete(ar -> {
            stalls.remove(table, held);
            LOG.warn("chaos: the stall of {} ended{}", table, ar.failed() ? " (" + ar.cause() + ")" : "");
          });
          // whoever removes the release runs it: the timer, or clear() before it
          AtomicLong timer = new AtomicLong(-1);
          releases.put(table, () -> {
            vertx.cancelTimer(timer.get());
            release.run();
          });
          timer.set(vertx.setTimer(Math.max(1, duration.toMillis()), id -> {
            if (releases.remove(table) != null) {
              release.run();
            }
          }));
          return held;
        });
  }

  /** Ends the connection loss and every stall now. */
  public void clear() {
    reconnect();
    for (String table : List.copyOf(releases.keySet())) {
      Runnable release = releases.remove(table);
      if (release != null) {
        release.run();
      }
    }
  }

  /** What is active: {@code {"disconnected": bool, "disconnected_until": ..., "stalls": [...]}}. */
  public JsonObject status() {
    Instant now = clock.instant();
    JsonArray active = new JsonArray();
    stalls.values().stream().sorted((a, b) -> a.table().compareTo(b.table())).forEach(s -> active.add(s.toJson(now)));
    JsonObject result = new JsonObject().put("disconnected", isDisconnected());
    if (isDisconnected()) {
      result.put("disconnected_until", disconnectedUntil.toString())
          .put("seconds_left", secondsLeft(disconnectedUntil, now));
    }
    return result.put("stalls", active);
  }

  public List<Stall> stalls() {
    return List.copyOf(stalls.values());
  }

  private static double secondsLeft(Instant until, Instant now) {
    return Math.max(0, Duration.between(now, until).toMillis()) / 1000.0;
  }

  private static void checkDuration(Duration d) {
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("seconds must be more than 0 and at most " + MAX_DURATION.toSeconds());
    }
  }
}
