package org.cinderemu.deploy.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(out.toString()).isEqualTo("2\n");
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
