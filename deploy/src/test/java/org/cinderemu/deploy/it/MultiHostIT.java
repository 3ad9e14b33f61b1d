package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.common.testing.TestDatabases;
import org.cinderemu.common.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three "machines" as docs/multi-host.md deploys them, each service a `cinder-emu service` process of its own with
 * its machine's conf and state directory (created by the service): a controller (cinder-api, cinder-scheduler) and
 * volume nodes hostA and hostB (cinder-volume, cinder-backup), on one shared MariaDB database and one RabbitMQ
 * vhost reached through a transport_url whose first broker is dead, with quorum topic queues.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostIT {

  static final Duration START = Duration.ofSeconds(120);
  static final Duration SETTLE = Duration.ofSeconds(60);
  static final String BACKEND = "lvm";

  static Path root;
  static TestBroker broker;
  static TestDatabase database;
  static Vertx vertx;
  static Firehose firehose;
  static Database db;
  static CinderHttp cinder;
  static final List<ServiceProcess> processes = new ArrayList<>();
  static ServiceProcess backupB;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createTempDirectory("cemu-multihost-");
    broker = TestBroker.create();
    database = TestDatabases.create(Dialect.MARIADB);
    vertx = Vertx.vertx();
    firehose = new Firehose(vertx, broker);
    int apiPort = freePort();
    CinderConf controller = shared().with(CinderConf.DEFAULT, "host", "controller")
        .with(CinderConf.DEFAULT, "osapi_volume_listen", "127.0.0.1")
        .with(CinderConf.DEFAULT, "osapi_volume_listen_port", Integer.toString(apiPort));
    start("controller", controller, "cinder-api", "cinder-scheduler");
    start("hostA", volumeNode("hostA", "mh_a"), "cinder-volume", "cinder-backup");
    backupB = start("hostB", volumeNode("hostB", "mh_b"), "cinder-volume", "cinder-backup").get(1);
    cinder = new CinderHttp(apiPort);
    awaitUp("cinder-scheduler", "controller");
    cinder.unlimited();
    for (String host : List.of("hostA", "hostB")) {
      awaitUp("cinder-volume", host + "@" + BACKEND);
      awaitUp("cinder-backup", host);
    }
    cinder.createType("on_a", new JsonObject().put("volume_backend_name", "mh_a"));
    db = Database.open(vertx, database.url()).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServiceProcess p : processes) {
      p.close();
    }
    if (firehose != null) {
      firehose.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close();
    }
    if (broker != null) {
      broker.close();
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** What every machine shares: the database, the brokers (a dead one first), the messaging and backup policy. */
  static CinderConf shared() throws IOException {
    DatabaseUrl url = database.url();
    String sqlalchemy = url.jdbcUrl().replace("jdbc:mariadb://", "mysql+pymysql://" + url.user()
        + (url.password() == null || url.password().isEmpty() ? "" : ":" + url.password()) + "@");
    return CinderConf.empty()
        .with(CinderConf.DEFAULT, "transport_url", "rabbit://guest:guest@127.0.0.1:" + freePort()
            + ",guest:guest@127.0.0.1:5672/" + broker.vhost())
        .with("oslo_messaging_rabbit", "rabbit_quorum_queue", "true")
        .with("database", "connection", sqlalchemy)
        .with(CinderConf.DEFAULT, "backup_use_same_host", "true")
        .with(CinderConf.DEFAULT, "report_interval", "1")
        .with(CinderConf.DEFAULT, "service_down_time", "5")
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "20")
        .with(CinderConf.DEFAULT, "scheduler_driver_init_wait_time", "30");
  }

  /** A volume node: its own host name, one backend whose pool the volume type's volume_backend_name picks. */
  static CinderConf volumeNode(String host, String backendName) throws IOException {
    return shared().with(CinderConf.DEFAULT, "host", host)
        .with(CinderConf.DEFAULT, "enabled_backends", BACKEND)
        .with(BACKEND, "volume_backend_name", backendName);
  }

  /** One machine: a directory with its conf; state_path below it does not exist yet, the services create it. */
  static List<ServiceProcess> start(String machine, CinderConf conf, String... binaries) throws IOException {
    Path dir = Files.createDirectories(root.resolve(machine));
    CinderConf own = conf.with(CinderConf.DEFAULT, "state_path", dir.resolve("state").toString());
    List<ServiceProcess> started = new ArrayList<>();
    for (String binary : binaries) {
      ServiceProcess p = ServiceProcess.start(binary, own, dir, binary);
      processes.add(p);
      started.add(p);
    }
    return started;
  }

  static void awaitUp(String binary, String host) {
    try {
      await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> "up".equals(cinder.service(binary, host).getString("state")));
    } catch (RuntimeException e) {
      StringBuilder logs = new StringBuilder();
      processes.forEach(p -> logs.append("\n---\n").append(p.logTail()));
      throw new AssertionError(binary + " on " + host + " never came up:" + logs, e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  @Order(1)
  void aBackupOfAVolumeOnHostAIsRoutedToTheBackupServiceOfHostA() throws Exception {
    String volume = cinder.createVolume(1, "on_a");
    JsonObject v = cinder.awaitSettled(volume, SETTLE);
    assertThat(v.getString("status")).as("volume %s", v).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo("hostA@" + BACKEND + "#mh_a");

    String backup = cinder.createBackup(volume, false);

    JsonObject b = cinder.awaitBackupSettled(backup, SETTLE);
    assertThat(b.getString("status")).as("backup %s", b).isEqualTo("available");
    assertThat(db.backups().get(backup).await(10, TimeUnit.SECONDS).host()).isEqualTo("hostA");
    // docs/cinder-reference.md §1.6, §4.4: the scheduler casts create_backup to cinder-backup.<host>
    assertThat(createBackupCasts(backup)).extracting(Traced::routingKey).containsExactly("cinder-backup.hostA");
    assertThat(cinder.volume(volume).getString("status")).isEqualTo("available");
    assertThat(broker.queueTypes()).contains(
        new JsonObject().put("name", "cinder-backup.hostA").put("type", "quorum").put("durable", true),
        new JsonObject().put("name", "cinder-volume.hostA@lvm.hostA").put("type", "quorum").put("durable", true));
  }

  @Test
  @Order(2)
  void sigtermStopsAServiceCleanly() throws Exception {
    Path ready = root.resolve("hostB/state/run/cinder-backup.ready");
    assertThat(ready).as("the service created its state_path").exists();

    int status = backupB.terminate(Duration.ofSeconds(20));

    assertThat(status).as("the JVM's exit after SIGTERM (143, systemd's SuccessExitStatus)").isEqualTo(143);
    assertThat(ready).doesNotExist();
    // its consumers were cancelled at once, not left for the broker's heartbeat timeout
    assertThat(broker.queues()).filteredOn(q -> "cinder-backup.hostB".equals(q.getString("name")))
        .extracting(q -> q.getInteger("consumers")).containsExactly(0);
  }

  @Test
  @Order(3)
  void aServiceAloneNamesAnUnreachableDatabaseInOneLine() throws Exception {
    int dead = freePort();
    CinderConf conf = volumeNode("hostC", "mh_c")
        .with("database", "connection", "mysql+pymysql://cinder:s3cret@127.0.0.1:" + dead + "/cinder");
    ServiceProcess p = start("hostC", conf, "cinder-volume").get(0);

    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(p.logTail()).contains("cinder-emu: cinder-volume: cannot connect to the database jdbc:mariadb://127.0.0.1:"
        + dead + "/cinder ([database] connection): ").doesNotContain("s3cret").doesNotContain("\tat ");
  }

  /** The scheduler's create_backup casts for this backup (the API's own goes to cinder-scheduler). */
  private static List<Traced> createBackupCasts(String backupId) {
    return firehose.matching(t -> t.routingKey().startsWith("cinder-backup") && t.body().containsKey("oslo.message")
        && "create_backup".equals(t.method())
        && backupId.equals(t.inner().getJsonObject("args").getJsonObject("backup")
            .getJsonObject("versioned_object.data").getString("id")));
  }
}
