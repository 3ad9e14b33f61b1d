package org.cinderemu.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @Test
  void pymysqlUrlBecomesMariadbJdbcWithoutTheCharsetOption() {
    DatabaseUrl url = DatabaseUrl.parse("mysql+pymysql://cinder:s3cret@db.example:3307/cinder?charset=utf8");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example:3307/cinder");
    assertThat(url.user()).isEqualTo("cinder");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.dialect()).isEqualTo(Dialect.MARIADB);
  }

  @Test
  void plainMysqlAndMariadbSchemesWithoutPortOrPassword() {
    assertThat(DatabaseUrl.parse("mysql://root@127.0.0.1/cinder"))
        .isEqualTo(new DatabaseUrl("jdbc:mariadb://127.0.0.1/cinder", "root", null, Dialect.MARIADB));
    assertThat(DatabaseUrl.parse("mariadb://u:p@h/db").jdbcUrl()).isEqualTo("jdbc:mariadb://h/db");
  }

  @Test
  void postgresqlWithAndWithoutDriver() {
    assertThat(DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/cinder"))
        .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/cinder", "postgres", null, Dialect.POSTGRESQL));
    assertThat(DatabaseUrl.parse("postgresql+psycopg2://cinder:pw@pg/cinder").jdbcUrl())
        .isEqualTo("jdbc:postgresql://pg/cinder");
  }

  @Test
  void percentEncodedCredentialsAreDecoded() {
    DatabaseUrl url = DatabaseUrl.parse("mysql+pymysql://cin%40der:p%40ss%3Aw+rd@h/db");

    assertThat(url.user()).isEqualTo("cin@der");
    assertThat(url.password()).isEqualTo("p@ss:w+rd");
  }

  @Test
  void ipv6HostAndUnixSocket() {
    assertThat(DatabaseUrl.parse("postgresql://u:p@[::1]:5432/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/db");
    assertThat(DatabaseUrl.parse("mysql+pymysql://u:p@/db?unix_socket=/run/mysqld/mysqld.sock").jdbcUrl())
        .isEqualTo("jdbc:mariadb://localhost/db?localSocket=/run/mysqld/mysqld.sock");
  }

  @Test
  void jdbcUrlsPassThroughAndMysqlSchemeIsServedByTheMariadbDriver() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=a&password=b"))
        .isEqualTo(new DatabaseUrl("jdbc:postgresql://h/db?user=a&password=b", null, null, Dialect.POSTGRESQL));
    assertThat(DatabaseUrl.parse("jdbc:mariadb://h:3306/db").dialect()).isEqualTo(Dialect.MARIADB);
    assertThat(DatabaseUrl.parse("jdbc:mysql://h:3306/db").jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/db");
  }

  @Test
  void h2UrlsGetLowerCaseNamesAndInMemoryOnesStayOpen() {
    assertThat(DatabaseUrl.parse("jdbc:h2:mem:x").jdbcUrl())
        .isEqualTo("jdbc:h2:mem:x;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    assertThat(DatabaseUrl.parse("jdbc:h2:/tmp/c;DATABASE_TO_LOWER=TRUE").jdbcUrl())
        .isEqualTo("jdbc:h2:/tmp/c;DATABASE_TO_LOWER=TRUE");
    assertThat(DatabaseUrl.parse("jdbc:h2:/tmp/c").dialect()).isEqualTo(Dialect.H2);
  }

  @Test
  void defaultIsAnAutoServerH2FileInTheStateDirectory() {
    DatabaseUrl url = DatabaseUrl.forStateDir(Path.of("/var/lib/cemu"));

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/cemu/cinder;AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE");
    assertThat(url.dialect()).isEqualTo(Dialect.H2);
  }

  @Test
  void fromConfUsesTheConnectionWhenSetAndTheStateDirOtherwise() {
    Path state = Path.of("/srv/state");
    assertThat(DatabaseUrl.fromConf(CinderConf.empty(), state)).isEqualTo(DatabaseUrl.forStateDir(state));
    CinderConf conf = CinderConf.parse("[database]\nconnection = mysql+pymysql://c:p@db/cinder\n");
    assertThat(DatabaseUrl.fromConf(conf, state).dialect()).isEqualTo(Dialect.MARIADB);
  }

  @Test
  void sqliteIsRefusedWithTheValueAndTheAcceptedForms() {
    assertThatThrownBy(() -> DatabaseUrl.parse("sqlite:////var/lib/cinder/cinder.sqlite"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite:////var/lib/cinder/cinder.sqlite")
        .hasMessageContaining("mysql+pymysql://")
        .hasMessageContaining("postgresql://")
        .hasMessageContaining("jdbc:h2:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"oracle://u:p@h/db", "jdbc:oracle:thin:@h:1521:x", "not a url", "mysql://u:p@h"})
  void unknownOrIncompleteValuesAreRefusedWithTheAcceptedForms(String value) {
    assertThatThrownBy(() -> DatabaseUrl.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(value.replace(":p@", ":***@"))
        .hasMessageContaining("accepted forms")
        .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("postgresql+psycopg2://"),
            e -> assertThat(e).hasMessageContaining("jdbc:postgresql:"));
  }

  @Test
  void passwordsStayOutOfErrorsAndToString() {
    assertThatThrownBy(() -> DatabaseUrl.parse("oracle://scott:tiger@h/db"))
        .hasMessageNotContaining("tiger");
    assertThat(DatabaseUrl.parse("mysql://scott:tiger@h/db").toString()).doesNotContain("tiger");
  }

  @Test
  void emptyValueIsRefused() {
    assertThatThrownBy(() -> DatabaseUrl.parse("  ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
