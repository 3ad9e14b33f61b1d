package org.cinderemu.deploy.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.Schema;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.deploy.CinderEmu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cinder-emu manage} through the launcher's command line, on an H2 file of its own. */
class ManageCommandTest {

  @TempDir
  Path dir;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path conf(String... extraDefaultLines) throws Exception {
    Path file = dir.resolve("cinder.conf");
    Files.writeString(file, "[DEFAULT]\nstate_path = " + dir + "\nhost = node1\n"
        + String.join("\n", extraDefaultLines) + "\n[database]\n");
    return file;
  }

  @Test
  void theStateDirsConfigIsTheDefaultAndAMissingOneExitsTwo() {
    Path state = dir.resolve("nothing-here");

    assertThat(run("manage", "--state-dir", state.toString(), "db", "version")).isEqualTo(2);
    assertThat(out.toString()).isEqualTo("Failed to read configuration file(s): ['"
        + state.resolve("cinder.conf").toAbsolutePath() + "']\n");
  }

  @Test
  void dbVersionIsNoneOnAnEmptyDatabaseAndTheLastMigrationAfterSync() throws Exception {
    String conf = conf().toString();

    assertThat(run("manage", "--config", conf, "db", "version")).isZero();
    assertThat(out.toString()).isEqualTo("None\n");
    assertThat(run("manage", "--config", conf, "db", "sync", "1")).isZero();
    assertThat(out.toString()).isEmpty();
    run("manage", "--config", conf, "db", "version");
    assertThat(out.toString()).isEqualTo("1\n");
    assertThat(run("manage", "--config", conf, "db", "sync")).isZero();
    run("manage", "--config", conf, "db", "version");
    assertThat(out.toString()).isEqualTo(Schema.LATEST_VERSION + "\n");
  }

  @Test
  void dbSyncRefusesAVersionAboveMaxInt() throws Exception {
    assertThat(run("manage", "--config", conf().toString(), "db", "sync", "2147483648")).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("Version should be less than or equal to 2147483647.\n");
  }

  @Test
  void serviceRemoveOfAnUnknownServiceSaysSoAndExitsTwo() throws Exception {
    assertThat(run("manage", "--config", conf().toString(), "service", "remove", "cinder-volume", "ghost@lvm"))
        .isEqualTo(2);
    assertThat(out.toString()).isEqualTo("Host not found. Failed to remove cinder-volume on ghost@lvm.\n"
        + "Service cinder-volume could not be found on host ghost@lvm.\n");
  }

  @Test
  void serviceListOfAnEmptyDatabaseIsTheHeader() throws Exception {
    assertThat(run("manage", "--config", conf().toString(), "service", "list")).isZero();
    assertThat(out.toString()).startsWith("Binary           Host ").hasLineCount(1);
  }

  @Test
  void updateBackupHostRewritesTheLiveBackupsOfExactlyThatHost() throws Exception {
    String conf = conf().toString();
    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.open(vertx, DatabaseUrl.forStateDir(dir)).await(30, TimeUnit.SECONDS);
      VolumeType type = db.volumeTypes().findByName(VolumeType.DEFAULT_NAME).await(30, TimeUnit.SECONDS).orElseThrow();
      Volume v = db.volumes().insert(Volume.builder().userId("u").projectId("p").host("node1@lvm#lvm").size(1)
          .status("available").volumeTypeId(type.id()).build()).await(30, TimeUnit.SECONDS);
      List<String> hosts = List.of("node1", "node1", "node10");
      List<String> ids = new ArrayList<>();
      for (String host : hosts) {
        ids.add(db.backups().insert(Backup.builder().userId("u").projectId("p").volumeId(v.id()).host(host)
            .status("available").size(1).build()).await(30, TimeUnit.SECONDS).id());
      }
      db.backups().softDelete(ids.get(1)).await(30, TimeUnit.SECONDS);
      db.close().await(30, TimeUnit.SECONDS);

      assertThat(run("manage", "--config", conf, "backup", "update_backup_host", "--currenthost", "node1",
          "--newhost", "node2")).isZero();

      assertThat(out.toString()).isEmpty();
      Database check = Database.open(vertx, DatabaseUrl.forStateDir(dir)).await(30, TimeUnit.SECONDS);
      assertThat(check.backups().get(ids.get(0)).await(30, TimeUnit.SECONDS).host()).isEqualTo("node2");
      assertThat(check.backups().find(ids.get(1), true).await(30, TimeUnit.SECONDS).orElseThrow().host())
          .isEqualTo("node1");
      assertThat(check.backups().get(ids.get(2)).await(30, TimeUnit.SECONDS).host()).isEqualTo("node10");
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void configListPrintsTheDefaultOptionsOrOneOfThem() throws Exception {
    String conf = conf("service_down_time = 5").toString();

    assertThat(run("manage", "--config", conf, "config", "list")).isZero();
    assertThat(out.toString()).isEqualTo("state_path = " + dir + "\nhost = node1\nservice_down_time = 5\n");
    assertThat(run("manage", "--config", conf, "config", "list", "host")).isZero();
    assertThat(out.toString()).isEqualTo("host = node1\n");
    assertThat(run("manage", "--config", conf, "config", "list", "database")).isZero();
    assertThat(out.toString()).isEqualTo("database = <oslo_config.cfg.ConfigOpts.GroupAttr object>\n");
    assertThat(run("manage", "--config", conf, "config", "list", "nope")).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("oslo_config.cfg.NoSuchOptError: no such option nope in group [DEFAULT]\n");
  }

  @Test
  void missingArgumentsAndActionsAreUsageErrors() throws Exception {
    String conf = conf().toString();

    assertThat(run("manage", "--config", conf, "volume", "update_host", "--currenthost", "a@lvm")).isEqualTo(2);
    assertThat(err.toString()).contains("--newhost");
    assertThat(run("manage", "--config", conf, "service")).isEqualTo(2);
    assertThat(err.toString()).contains("missing action: list, remove");
    assertThat(run("manage", "--config", conf, "quota", "check")).isEqualTo(2);
  }
}
