package org.cinderemu.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Schema#LATEST_VERSION} names the highest migration shipped, so a new migration cannot forget it. */
class SchemaLatestVersionTest {

  @Test
  void latestVersionIsTheHighestMigrationFile() throws Exception {
    int highest;
    try (Stream<Path> files = Files.list(migrations())) {
      highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
    }
    assertThat(Schema.LATEST_VERSION).isEqualTo(Integer.toString(highest));
  }

  private static Path migrations() throws URISyntaxException {
    return Path.of(Schema.class.getClassLoader().getResource("db/migration/common").toURI());
  }
}
