package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.ChildSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `up` on a state directory that already holds volumes and backups brings them back (issue 9.3): the real
 * launcher, `up --detach` / `down` / `up` on one state dir. The volume is listed again with its id and host and
 * still holds its bytes, its backup is available and restores them into a new volume, the quota usage is what it
 * was, the services are the same rows, and every log keeps the first run's lines above the second run's.
 */
class StateSurvivesRestartIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final long MIB = 1 << 20;
  private static final String SEPARATOR = "==== cinder-emu up pid ";
  private static final List<String> BINARIES =
      List.of("cinder-db", "cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");

  static TestBroker broker;
  static Path dir;
  static Path state;
  static Vertx vertx;

  @BeforeAll
  static void setUp() throws Exception {
    broker = TestBroker.create();
    dir = Files.createTempDirectory("cemu-restart-");
    state = dir.resolve("state");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    LauncherIT.cinderEmu("down", "--state-dir", state.toString());
    vertx.close().await(30, TimeUnit.SECONDS);
    broker.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Two writes far apart in the volume, and what each must read back. */
  private record Written(long offset, byte[] data) {
  }

  @Test
  void aSecondUpBringsBackTheVolumeItsBytesItsBackupAndThePreviousRunsLogs() throws Exception {
    String host = "restart-" + UUID.randomUUID().toString().substring(0, 6);
    Path conf = conf(host);
    int port = LauncherIT.freePort();
    CinderHttp cinder = new CinderHttp(port);
    Random random = new Random(9);
    List<Written> written = List.of(new Written(4096, bytes(random, 64 * 1024)),
        new Written(700 * MIB + 17, bytes(random, 3000)));

    up(conf, port, cinder);
    String volumeId = cinder.createVolume(1, null);
    JsonObject volume = cinder.awaitSettled(volumeId, SETTLE);
    assertThat(volume.getString("status")).as("volume %s", volume).isEqualTo("available");
    try (Attached bytes = Attached.open()) {
      for (Written w : written) {
        bytes.volumes().write(volumeId, w.offset(), w.data());
      }
    }
    String backupId = cinder.createBackup(volumeId, false);
    assertThat(cinder.awaitBackupSettled(backupId, SETTLE).getString("status")).isEqualTo("available");
    JsonObject usage = quotaUsage(cinder);
    assertThat(usage.getJsonObject("volumes").getInteger("in_use")).isEqualTo(1);
    assertThat(usage.getJsonObject("backups").getInteger("in_use")).isEqualTo(1);
    List<String> services = services(cinder);
    down();

    up(conf, port, cinder);
    JsonArray volumes = cinder.ok("GET", "/volumes/detail", null).getJsonArray("volumes");
    assertThat(volumes).as("the volumes after the restart").hasSize(1);
    JsonObject listed = volumes.getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(volumeId);
    assertThat(listed.getString("status")).isEqualTo("available");
    assertThat(listed.getString("os-vol-host-attr:host")).isEqualTo(volume.getString("os-vol-host-attr:host"))
        .isEqualTo(host + "@lvmdriver-1#lvmdriver-1");
    assertThat(cinder.backup(backupId).getString("status")).isEqualTo("available");
    assertThat(quotaUsage(cinder)).isEqualTo(usage);
    assertThat(services(cinder)).isEqualTo(services);
    try (Attached bytes = Attached.open()) {
      // the new run's data endpoint (another port, new tokens) serves the old volume, both ways
      assertHolds(bytes, volumeId, written);
      byte[] more = bytes(random, 512);
      bytes.volumes().write(volumeId, 900 * MIB, more);
      assertThat(bytes.volumes().read(volumeId, 900 * MIB, more.length)).isEqualTo(more);

      String restored = cinder.restoreBackup(backupId, null);
      assertThat(cinder.awaitBackupSettled(backupId, SETTLE).getString("status")).isEqualTo("available");
      cinder.awaitVolumeStatus(restored, "available", SETTLE);
      assertHolds(bytes, restored, written);
    }

    for (String binary : BINARIES) {
      String log = Files.readString(state.resolve("logs").resolve(binary + ".log"), StandardCharsets.UTF_8);
      assertThat(log.lines().findFirst()).as(binary).hasValueSatisfying(line -> assertThat(line).contains(SEPARATOR));
      assertThat(log.split(SEPARATOR, -1)).as(binary).hasSize(3);  // two runs, the first from the first line on
    }
    String volumeLog = Files.readString(state.resolve("logs").resolve("cinder-volume.log"));
    String started = "cinder-volume on " + host + "@lvmdriver-1 started";
    assertThat(volumeLog).containsSubsequence(SEPARATOR, started, "volume " + volumeId + " created on",
        SEPARATOR, started);
  }

  /** The seed lab's shape with one backend, on this test's vhost and host name. */
  private static Path conf(String host) throws Exception {
    CinderConf conf = broker.apply(CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "host = " + host,
        "enabled_backends = lvmdriver-1",
        "osapi_volume_listen = 127.0.0.1",
        "[lvmdriver-1]", "volume_backend_name = lvmdriver-1", "")));
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("given.conf"), conf.toIni());
  }

  /** `up --detach` with INFO logs (the lines a restart must keep), then waits for the backend's pool. */
  private static void up(Path conf, int port, CinderHttp cinder) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(LauncherIT.cinderEmuCommand("up", "--detach", "--config",
        conf.toString(), "--state-dir", state.toString(), "--api-port", String.valueOf(port)))
        .redirectErrorStream(true);
    builder.environment().put(ChildSpec.JAVA_OPTS_ENV, "-Dcemu.test.log.level=INFO");
    Process up = builder.start();
    String output = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(up.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(up.exitValue()).as(output).isZero();
    await().atMost(SETTLE).until(() ->
        cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").size() == 1);
  }

  private static void down() throws Exception {
    LauncherIT.Run down = LauncherIT.cinderEmu("down", "--state-dir", state.toString());
    assertThat(down.exit()).as(down.output()).isZero();
  }

  /** The stack's database and the volumes' bytes, reached through the running stack's own cinder.conf. */
  private record Attached(Database db, VolumeBytes volumes) implements AutoCloseable {

    static Attached open() throws Exception {
      CinderConf conf = CinderConf.load(state.resolve("cinder.conf"));  // this run's database port
      Database db = Database.open(vertx, DatabaseUrl.fromConf(conf, state)).await(30, TimeUnit.SECONDS);
      return new Attached(db, VolumeBytes.open(vertx, conf, db));
    }

    @Override
    public void close() throws Exception {
      try {
        volumes.close();
      } finally {
        db.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void assertHolds(Attached bytes, String volumeId, List<Written> written) throws Exception {
    for (Written w : written) {
      assertThat(bytes.volumes().read(volumeId, w.offset(), w.data().length)).as("volume %s at %d", volumeId,
          w.offset()).isEqualTo(w.data());
    }
  }

  private static JsonObject quotaUsage(CinderHttp cinder) {
    return cinder.ok("GET", "/os-quota-sets/" + cinder.project + "?usage=True", null).getJsonObject("quota_set");
  }

  /** binary@host of every services row, with its state: the same rows, none doubled, up after the restart. */
  private static List<String> services(CinderHttp cinder) {
    return cinder.ok("GET", "/os-services", null).getJsonArray("services").stream().map(s -> (JsonObject) s)
        .map(s -> s.getString("binary") + "@" + s.getString("host") + " " + s.getString("state"))
        .sorted().toList();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
