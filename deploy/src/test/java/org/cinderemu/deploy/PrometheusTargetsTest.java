package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusTargetsTest {

  @TempDir
  Path dir;

  @Test
  void everyChildWithAnAdminFileIsATargetLabelledWithItsServiceAndHost() throws Exception {
    StateDir state = new StateDir(dir).create();
    Files.writeString(state.adminFile("cinder-api"), "http://127.0.0.1:41234\n");
    Files.writeString(state.adminFile("cinder-volume@node2"), "http://127.0.0.1:41235");

    PrometheusTargets targets = PrometheusTargets.read(state,
        List.of("cinder-api", "cinder-volume@node2", "cinder-scheduler", "db-server"), "controller");

    assertThat(targets.targets()).containsExactly(
        new PrometheusTargets.Target("cinder-api", "127.0.0.1:41234", "cinder-api", "controller"),
        new PrometheusTargets.Target("cinder-volume@node2", "127.0.0.1:41235", "cinder-volume", "node2"));
  }

  @Test
  void theConfigIsWrittenOwnerOnlyAsAScrapeJobWithStaticTargets() throws Exception {
    StateDir state = new StateDir(dir).create();
    PrometheusTargets targets = new PrometheusTargets(List.of(
        new PrometheusTargets.Target("cinder-scheduler", "127.0.0.1:5000", "cinder-scheduler", "h1")));

    Path file = targets.write(state);

    assertThat(file).isEqualTo(dir.resolve("prometheus.yml"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    // JSON is YAML: Prometheus reads the file as written
    JsonObject job = new JsonObject(Files.readString(file)).getJsonArray("scrape_configs").getJsonObject(0);
    assertThat(job.getString("job_name")).isEqualTo("cinder-emulator");
    assertThat(job.getBoolean("honor_labels")).isTrue();
    JsonObject target = job.getJsonArray("static_configs").getJsonObject(0);
    assertThat(target.getJsonArray("targets").getList()).containsExactly("127.0.0.1:5000");
    assertThat(target.getJsonObject("labels").getMap()).containsEntry("service", "cinder-scheduler")
        .containsEntry("host", "h1").containsEntry("child", "cinder-scheduler");
  }
}
