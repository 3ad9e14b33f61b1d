package org.cinderemu.common.db;

import org.junit.jupiter.api.Nested;

/**
 * The repositories on all three databases, each in its own fresh database (see {@link RepositoryContract}
 * for the cases). Needs the local MariaDB and PostgreSQL (reference preamble: 127.0.0.1, user root /
 * postgres, database {@code test}).
 */
class RepositoriesIT {

  @Nested
  class OnH2 extends RepositoryContract {
    OnH2() {
      super(Dialect.H2);
    }
  }

  @Nested
  class OnMariaDb extends RepositoryContract {
    OnMariaDb() {
      super(Dialect.MARIADB);
    }
  }

  @Nested
  class OnPostgreSql extends RepositoryContract {
    OnPostgreSql() {
      super(Dialect.POSTGRESQL);
    }
  }
}
