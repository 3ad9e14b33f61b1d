package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.cinderemu.common.chaos.ChaosControl;

/**
 * The emulator's database: schema brought up to date with Flyway, then a Vert.x JDBC pool, and one
 * repository per table. Each service opens its own; many services may start at once against one
 * database, and {@link Schema} serialises their migrations.
 */
public final class Database {

  private final Pool pool;
  private final DatabaseUrl url;
  private final Clock clock = Clock.systemUTC();
  private final ServiceRepository services;
  private final ClusterRepository clusters;
  private final VolumeRepository volumes;
  private final VolumeTypeRepository volumeTypes;
  private final BackupRepository backups;
  private final WorkerRepository workers;
  private final QuotaRepository quotas;
  private final MessageRepository messages;
  private final HandledRequestRepository handledRequests;
  private volatile StatusListener statusListener = StatusListener.NONE;
  private final DatabaseFaults faults;

  private Database(Pool pool, DatabaseUrl url, DatabaseFaults faults) {
    this.pool = pool;
    this.url = url;
    this.faults = faults;
    this.services = new ServiceRepository(this);
    this.clusters = new ClusterRepository(this);
    this.volumes = new VolumeRepository(this);
    this.volumeTypes = new VolumeTypeRepository(this);
    this.backups = new BackupRepository(this);
    this.workers = new WorkerRepository(this);
    this.quotas = new QuotaRepository(this);
    this.messages = new MessageRepository(this);
    this.handledRequests = new HandledRequestRepository(this);
  }

  public static Future<Database> open(Vertx vertx, DatabaseUrl url) {
    return open(vertx, url, new PoolOptions().setMaxSize(4));
  }

  public static Future<Database> open(Vertx vertx, DatabaseUrl url, PoolOptions poolOptions) {
    return open(vertx, url, poolOptions, DatabaseFaults.current());
  }

  /** As the others, seeing the faults of {@code faults} (tests give their own; services share the process's). */
  static Future<Database> open(Vertx vertx, DatabaseUrl url, PoolOptions poolOptions, DatabaseFaults faults) {
    // Flyway is plain blocking JDBC; unordered so services sharing a context don't queue behind each other
    return vertx.<Void>executeBlocking(() -> {
      Schema.migrate(url);
      return null;
    }, false).map(v -> {
      Database db = new Database(JDBCPool.pool(vertx, new AutoCommitRestoringDataSource(url, faults), poolOptions),
          url, faults);
      faults.attach(db, vertx);
      ChaosControl.current().register(DatabaseFaultControls.INSTANCE);
      return db;
    });
  }

  public Pool pool() {
    return pool;
  }

  public Dialect dialect() {
    return url.dialect();
  }

  public DatabaseUrl url() {
    return url;
  }

  /** Now in UTC to the microsecond, the precision every dialect stores. */
  public LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** {@link Dialect#quote(String)} of this database. */
  String q(String identifier) {
    return url.dialect().quote(identifier);
  }

  public ServiceRepository services() {
    return services;
  }

  public ClusterRepository clusters() {
    return clusters;
  }

  public VolumeRepository volumes() {
    return volumes;
  }

  public VolumeTypeRepository volumeTypes() {
    return volumeTypes;
  }

  public BackupRepository backups() {
    return backups;
  }

  public WorkerRepository workers() {
    return workers;
  }

  /** Quotas with Cinder's default limits; build a {@link QuotaRepository} yourself for configured ones. */
  public QuotaRepository quotas() {
    return quotas;
  }

  public MessageRepository messages() {
    return messages;
  }

  public HandledRequestRepository handledRequests() {
    return handledRequests;
  }

  /**
   * Told of every status a row of {@code volumes} or {@code backups} was given (compare-and-set applied, insert,
   * soft delete), on the caller's context: the trace recorder's hook. One listener; it must not block.
   */
  @FunctionalInterface
  public interface StatusListener {
    StatusListener NONE = (table, id, expected, status) -> { };

    void changed(String table, String id, Object expected, String status);
  }

  public void onStatusChange(StatusListener listener) {
    this.statusListener = listener == null ? StatusListener.NONE : listener;
  }

  void statusChanged(String table, Object id, Object expected, Object status) {
    if (status != null && ("volumes".equals(table) || "backups".equals(table))) {
      statusListener.changed(table, String.valueOf(id), expected, status.toString());
    }
  }

  public Future<Void> close() {
    faults.detach(this);
    return pool.close();
  }
}
