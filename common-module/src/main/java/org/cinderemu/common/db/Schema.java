package org.cinderemu.common.db;

import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's Flyway migrations: applied when a service opens the database, and by
 * {@code cinder-manage db sync}; {@code db version} reads the version reached. Blocking JDBC.
 */
public final class Schema {

  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
  /** One set of migrations for every dialect; {@link Dialect#migrationPlaceholders()} fills in the differences. */
  private static final String MIGRATIONS = "classpath:db/migration/common";
  /** The highest {@code V<n>__} migration shipped: what {@code manage db version} prints after a full sync. */
  public static final String LATEST_VERSION = "4";

  private Schema() {
  }

  /** Applies every pending migration. */
  public static void migrate(DatabaseUrl url) throws SQLException {
    migrate(url, null);
  }

  /**
   * Applies the pending migrations up to {@code target} (every one when null), serialised with any other
   * process migrating the same database: Flyway's own lock on MariaDB / PostgreSQL, ours on H2.
   */
  public static void migrate(DatabaseUrl url, Integer target) throws SQLException {
    if (url.dialect() == Dialect.H2) {
      H2MigrationLock.around(url, () -> flywayMigrate(url, target));
    } else {
      flywayMigrate(url, target);
    }
  }

  /** The version of the last migration applied, empty on a database without the schema. */
  public static Optional<String> version(DatabaseUrl url) {
    MigrationInfo current = flyway(url, null).info().current();
    return Optional.ofNullable(current).map(m -> m.getVersion().getVersion());
  }

  private static void flywayMigrate(DatabaseUrl url, Integer target) {
    MigrateResult result;
    try {
      result = flyway(url, target).migrate();
    } catch (FlywayValidateException e) {
      // V1 was rewritten in place while unreleased, so old development databases no longer validate
      throw new IllegalStateException("The schema of " + url + " does not match this build's migrations; if an "
          + "earlier development build created it, delete it (the default H2 file is <state dir>/cinder.mv.db)", e);
    }
    if (result.migrationsExecuted > 0) {
      LOG.info("applied {} migration(s) to {}", result.migrationsExecuted, url);
    }
  }

  private static Flyway flyway(DatabaseUrl url, Integer target) {
    var config = Flyway.configure(Schema.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations(MIGRATIONS)
        .placeholders(url.dialect().migrationPlaceholders());
    if (target != null) {
      config.target(target.toString());
    }
    return config.load();
  }
}
