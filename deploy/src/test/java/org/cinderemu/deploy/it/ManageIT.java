package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Schema;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cinder-emu manage} on a running lab (docs/cinder-reference.md §9.1): the host-failure recovery of
 * moving a dead host's volumes to another host, then removing the dead service.
 */
class ManageIT {

  static final String BACKEND = "lvmdriver-1";

  static Lab lab;
  static CinderHttp cinder;
  static Firehose firehose;
  static Path confFile;

  record Result(int code, String out, String err) {
  }

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(CinderConf.DEFAULT, "enabled_backends", BACKEND);
    firehose = new Firehose(lab.vertx, lab.broker);
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    confFile = lab.stateDir.resolve("manage.conf");
    Files.writeString(confFile, lab.conf().toIni());
  }

  @AfterAll
  static void stop() throws Exception {
    firehose.close();
    lab.close();
  }

  /** The launcher's own command line, as {@code cinder-emu manage --config FILE ...} runs it. */
  static Result manage(String... args) {
    List<String> all = new ArrayList<>(List.of("manage", "--config", confFile.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void updateHostMovesADeadHostsVolumesAndTheirDeleteIsCastToTheNewHost() throws Exception {
    String hostA = lab.host + "-a";
    String hostB = lab.host + "-b";
    List<String> ids = new ArrayList<>();
    try (ServiceProcess a = ServiceProcess.start("cinder-volume",
        lab.conf().with(CinderConf.DEFAULT, "host", hostA), lab.stateDir, "c-vol-a")) {
      awaitPool(hostA + "@" + BACKEND + "#" + BACKEND, a);
      for (int i = 0; i < 2; i++) {
        ids.add(cinder.createVolume(1, null));
      }
      for (String id : ids) {
        JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(60));
        assertThat(v.getString("status")).isEqualTo("available");
        assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(hostA + "@" + BACKEND + "#" + BACKEND);
      }
      a.kill();
    }
    lab.deploy(new VolumeVerticle(lab.conf().with(CinderConf.DEFAULT, "host", hostB), BACKEND));
    await().atMost(Duration.ofSeconds(30)).until(() -> cinder.service("cinder-volume", hostB + "@" + BACKEND) != null);

    Result moved = manage("volume", "update_host", "--currenthost", hostA + "@" + BACKEND,
        "--newhost", hostB + "@" + BACKEND);

    assertThat(moved).isEqualTo(new Result(0, "", ""));
    assertThat(ids).allSatisfy(id ->
        assertThat(cinder.volume(id).getString("os-vol-host-attr:host")).isEqualTo(hostB + "@" + BACKEND));
    assertThat(cinder.send("DELETE", "/volumes/" + ids.get(0), null).status()).isEqualTo(202);
    cinder.awaitGone("volumes", ids.get(0), Duration.ofSeconds(30));
    // docs/cinder-reference.md §4.1: topic cinder-volume.<host@backend>, server <host>
    assertThat(firehose.matching(t -> "delete_volume".equals(t.method())))
        .extracting(Firehose.Traced::routingKey)
        .containsExactly("cinder-volume." + hostB + "@" + BACKEND + "." + hostB);
    assertThat(cinder.volume(ids.get(1)).getString("status")).isEqualTo("available");
  }

  @Test
  void serviceRemoveDropsADeadServicesRowFromServiceList() throws Exception {
    String dead = lab.host + "-dead@" + BACKEND;
    Database db = lab.openDatabase();
    result(db.services().register(Service.builder().host(dead).binary("cinder-volume").topic("cinder-volume")
        .availabilityZone("nova").rpcCurrentVersion("3.18").objectCurrentVersion("1.39").build()));
    await().atMost(Duration.ofSeconds(30)).until(() -> manage("service", "list").out()
        .contains("cinder-scheduler " + String.format("%-36s", lab.host) + " nova             enabled    :-)"));

    Result before = manage("service", "list");
    assertThat(before.code()).isZero();
    assertThat(before.out().lines().findFirst().orElseThrow()).isEqualTo(String.format(
        "%-16s %-36s %-16s %-10s %-5s %-20s %-12s %-15s %-36s", "Binary", "Host", "Zone", "Status", "State",
        "Updated At", "RPC Version", "Object Version", "Cluster"));
    assertThat(before.out()).contains(String.format("%-16s %-36s %-16s %-10s %-5s %-20s %-12s %-15s %-36s",
        "cinder-volume", dead, "nova", "enabled", "XXX", "None", "3.18", "1.39", ""));

    Result removed = manage("service", "remove", "cinder-volume", dead);

    assertThat(removed).isEqualTo(new Result(0, "Service cinder-volume on host " + dead + " removed.\n", ""));
    Result after = manage("service", "list");
    assertThat(after.out()).doesNotContain(dead).contains("cinder-scheduler ");
    assertThat(after.out().lines().count()).isEqualTo(before.out().lines().count() - 1);
    assertThat(result(db.services().list(dead, "cinder-volume"))).isEmpty();
    assertThat(manage("service", "remove", "cinder-volume", dead)).isEqualTo(new Result(2,
        "Host not found. Failed to remove cinder-volume on " + dead + ".\n"
            + "Service cinder-volume could not be found on host " + dead + ".\n", ""));
    assertThat(manage("service", "remove", "cinder-nothing", lab.host)).isEqualTo(new Result(2,
        "Host not found. Failed to remove cinder-nothing on " + lab.host + ".\n"
            + "Service cinder-nothing could not be found on host " + lab.host + ".\n", ""));
  }

  @Test
  void dbVersionPrintsTheFlywayVersion() {
    assertThat(manage("db", "version")).isEqualTo(new Result(0, Schema.LATEST_VERSION + "\n", ""));
    assertThat(manage("db", "sync")).isEqualTo(new Result(0, "", ""));
  }

  private static void awaitPool(String pool, ServiceProcess volume) {
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
          cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").stream()
              .anyMatch(p -> pool.equals(((JsonObject) p).getString("name"))));
    } catch (RuntimeException e) {
      throw new AssertionError("no pool " + pool + ":\n" + volume.logTail(), e);
    }
  }

  private static <T> T result(io.vertx.core.Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }
}
