package org.cinderemu.common.db;

import org.junit.jupiter.api.Nested;

/** The database faults on the local MariaDB and PostgreSQL (CONTRIBUTING: what the integration tests need). */
class DatabaseFaultsIT {

  @Nested
  class OnMariaDb extends DatabaseFaultsContract {
    OnMariaDb() {
      super(Dialect.MARIADB);
    }
  }

  @Nested
  class OnPostgreSql extends DatabaseFaultsContract {
    OnPostgreSql() {
      super(Dialect.POSTGRESQL);
    }
  }
}
