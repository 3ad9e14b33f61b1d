package org.cinderemu.common.db;

/** The database faults on H2 in a temporary directory (the servers' runs are in DatabaseFaultsIT). */
class DatabaseFaultsTest extends DatabaseFaultsContract {
  DatabaseFaultsTest() {
    super(Dialect.H2);
  }
}
