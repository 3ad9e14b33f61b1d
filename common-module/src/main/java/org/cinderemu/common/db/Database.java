package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's database: schema brought up to date with Flyway, then a Vert.x JDBC pool, and one
 * repository per table. Each service opens its own; many services may start at once against one
 * database, and a lock serialises their migrations (Flyway's own on MariaDB / PostgreSQL, ours on H2).
 */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** One set of migrations for every dialect; {@link Dialect#migrationPlaceholders()} fills in the differences. */
  private static final String MIGRATIONS = "classpath:db/migration/common";

  private final Pool pool;
  private final DatabaseUrl url;
  private final Clock clock;
  private final ServiceRepository services;
  private final VolumeRepository volumes;
  private final VolumeTypeRepository volumeTypes;
  private final BackupRepository backups;
  private final WorkerRepository workers;
  private final QuotaRepository quotas;
  private final MessageRepository messages;

  private Database(Pool pool, DatabaseUrl url, Clock clock) {
    this.pool = pool;
    this.url = url;
    this.clock = clock;
    this.services = new ServiceRepository(this);
    this.volumes = new VolumeRepository(this);
    this.volumeTypes = new VolumeTypeRepository(this);
    this.backups = new BackupRepository(this);
    this.workers = new WorkerRepository(this);
    this.quotas = new QuotaRepository(this);
    this.messages = new MessageRepository(this);
  }

  public static Future<Database> open(Vertx vertx, DatabaseUrl url) {
    return open(vertx, url, new PoolOptions().setMaxSize(4));
  }

  public static Future<Database> open(Vertx vertx, DatabaseUrl url, PoolOptions poolOptions) {
    // Flyway is plain blocking JDBC; unordered so services sharing a context don't queue behind each other
    return vertx.<Void>executeBlocking(() -> {
      migrate(url);
      return null;
    }, false).map(v -> new Database(JDBCPool.pool(vertx, new AutoCommitRestoringDataSource(url), poolOptions),
        url, Clock.systemUTC()));
  }

  /** Applies the pending migrations, spelled for the url's dialect; blocking. */
  static void migrate(DatabaseUrl url) throws SQLException {
    if (url.dialect() == Dialect.H2) {
      H2MigrationLock.around(url, () -> flyway(url));
    } else {
      // MariaDB and PostgreSQL: Flyway takes a named / advisory lock itself
      flyway(url);
    }
  }

  private static void flyway(DatabaseUrl url) {
    Flyway flyway = Flyway.configure(Database.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations(MIGRATIONS)
        .placeholders(url.dialect().migrationPlaceholders())
        .load();
    int applied;
    try {
      applied = flyway.migrate().migrationsExecuted;
    } catch (FlywayValidateException e) {
      // V1 was rewritten in place while unreleased, so old development databases no longer validate
      throw new IllegalStateException("The schema of " + url + " does not match this build's migrations; if an "
          + "earlier development build created it, delete it (the default H2 file is <state dir>/cinder.mv.db)", e);
    }
    if (applied > 0) {
      LOG.info("applied {} migration(s) to {}", applied, url);
    }
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

  /** The same database with another clock, so tests can move time; the pool is shared, not copied. */
  public Database withClock(Clock other) {
    return new Database(pool, url, other);
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

  public Future<Void> close() {
    return pool.close();
  }
}
