package org.cinderemu.deploy.manage;

import org.cinderemu.common.db.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cinder-manage db}: the schema's migrations (Flyway's, where Cinder has alembic's). */
@Command(name = "db", description = "Class for managing the database.")
final class DbCommands extends Category {

  /** Cinder's {@code db.MAX_INT}: the largest version {@code db sync} accepts. */
  static final long MAX_VERSION = Integer.MAX_VALUE;

  @Command(name = "sync", description = "Sync the database up to the most recent version.")
  int sync(@Parameters(index = "0", arity = "0..1", paramLabel = "version", description = "Database version")
      Long version) throws Exception {
    return manage.execute(out -> {
      if (version != null && version > MAX_VERSION) {
        throw new ManageError(1, "Version should be less than or equal to " + MAX_VERSION + ".");
      }
      var url = manage.databaseUrl(manage.conf());
      try {
        Schema.migrate(url, version == null ? null : version.intValue());
      } catch (Exception e) {
        throw new ManageError(1, "Error during database migration: " + e.getMessage());
      }
      return 0;
    });
  }

  @Command(name = "version", description = "Print the current database version.")
  int version() throws Exception {
    return manage.execute(out -> {
      out.println(Schema.version(manage.databaseUrl(manage.conf())).orElse("None"));
      return 0;
    });
  }
}
