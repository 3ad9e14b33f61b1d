package org.cinderemu.common.db;

/**
 * The three databases the emulator runs on. The SQL in the repositories is written once for all three;
 * only identifier quoting (Cinder names columns {@code binary}, {@code key} and {@code value}, which are
 * keywords somewhere) and the migration folder differ.
 */
public enum Dialect {
  H2("h2", '"'),
  MARIADB("mysql", '`'),
  POSTGRESQL("postgresql", '"');

  private final String migrationFolder;
  private final char quote;

  Dialect(String migrationFolder, char quote) {
    this.migrationFolder = migrationFolder;
    this.quote = quote;
  }

  /** Flyway location of this dialect's migrations, {@code classpath:db/migration/<folder>}. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /**
   * A lower-case identifier quoted for this database. H2 is opened with {@code DATABASE_TO_LOWER=TRUE}
   * (see {@link DatabaseUrl}), so a quoted lower-case name means the same column on all three.
   */
  public String quote(String identifier) {
    return quote + identifier + quote;
  }
}
