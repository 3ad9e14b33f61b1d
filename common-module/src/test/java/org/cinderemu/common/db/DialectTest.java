package org.cinderemu.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DialectTest {

  private static final String MIGRATION = "db/migration/common/V1__cinder_schema.sql";

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void suppliesExactlyThePlaceholdersTheMigrationUses(Dialect dialect) throws IOException {
    // a missing value fails Flyway at start-up; an unused one is a difference the schema no longer has
    assertThat(new TreeSet<>(dialect.migrationPlaceholders().keySet())).isEqualTo(placeholdersIn(MIGRATION));
  }

  @Test
  void quotesWithTheDatabasesIdentifierQuote() {
    assertThat(Dialect.H2.quote("binary")).isEqualTo("\"binary\"");
    assertThat(Dialect.POSTGRESQL.quote("key")).isEqualTo("\"key\"");
    assertThat(Dialect.MARIADB.quote("value")).isEqualTo("`value`");
    assertThat(Dialect.MARIADB.migrationPlaceholders()).containsEntry("q", "`");
  }

  private static Set<String> placeholdersIn(String resource) throws IOException {
    try (InputStream in = DialectTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> names = new TreeSet<>();
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }
}
