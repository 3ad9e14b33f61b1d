package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.cinderemu.common.testing.TcpProxy;
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
 *
 * <p>Where this process may make network namespaces (root on Linux), each machine is one ({@link NetnsMachine}):
 * its services listen on its own address only and reach the database and the broker through forwarders on its
 * gateway, so nothing crosses by loopback. {@code -Dit.multihost.loopback=true} runs them all on 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostIT {

  static final Duration START = Duration.ofSeconds(180);
  static final Duration SETTLE = Duration.ofSeconds(60);
  static final String BACKEND = "lvm";
  static final String LOOPBACK = "127.0.0.1";

  /** One machine: the address its services listen on and how they reach the database and the brokers. */
  record Site(String name, String address, List<String> launcher, String broker, String deadBroker, String db,
      List<TcpProxy> forwarders) {
  }

  static Path root;
  static TestBroker broker;
  static TestDatabase database;
  static Vertx vertx;
  static Firehose firehose;
  static Database db;
  static CinderHttp cinder;
  static final List<ServiceProcess> processes = new ArrayList<>();
  static final List<NetnsMachine> machines = new ArrayList<>();
  static final List<Site> sites = new ArrayList<>();
  static ServiceProcess backupB;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createTempDirectory("cemu-multihost-");
    broker = TestBroker.create();
    database = TestDatabases.create(Dialect.MARIADB);
    vertx = Vertx.vertx();
    firehose = new Firehose(vertx, broker);
    boolean netns = !Boolean.getBoolean("it.multihost.loopback") && NetnsMachine.available();
    int subnet = netns ? NetnsMachine.freeSubnet() : 0;
    System.out.println("MultiHostIT: machines " + (netns ? "in network namespaces on 10.231." + subnet + ".0/24"
        : "on loopback"));
    Site ctl = site("controller", netns, subnet, 0);
    Site a = site("hostA", netns, subnet, 1);
    Site b = site("hostB", netns, subnet, 2);
    int apiPort = freePort();
    CinderConf controller = shared(ctl).with(CinderConf.DEFAULT, "host", "controller")
        .with(CinderConf.DEFAULT, "osapi_volume_listen", ctl.address())
        .with(CinderConf.DEFAULT, "osapi_volume_listen_port", Integer.toString(apiPort));
    start(ctl, controller, "cinder-api", "cinder-scheduler");
    start(a, volumeNode(a, "hostA", "mh_a"), "cinder-volume", "cinder-backup");
    backupB = start(b, volumeNode(b, "hostB", "mh_b"), "cinder-volume", "cinder-backup").get(1);
    cinder = new CinderHttp(ctl.address(), apiPort, null, UUID.randomUUID().toString().replace("-", ""));
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
    for (Site s : sites) {
      for (TcpProxy f : s.forwarders()) {
        f.close();
      }
    }
    machines.forEach(NetnsMachine::close);
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

  /** A machine of its own (a namespace with forwarders to the broker and the database on its gateway), or loopback. */
  static Site site(String name, boolean netns, int subnet, int index) throws Exception {
    if (!netns) {
      Site s = new Site(name, LOOPBACK, List.of(), LOOPBACK + ":5672", LOOPBACK + ":" + freePort(),
          dbServer().getHost() + ":" + dbServer().getPort(), List.of());
      sites.add(s);
      return s;
    }
    NetnsMachine m = NetnsMachine.create(subnet, index);
    machines.add(m);
    TcpProxy toBroker = TcpProxy.start(m.gateway, LOOPBACK, 5672);
    TcpProxy toDb = TcpProxy.start(m.gateway, dbServer().getHost(), dbServer().getPort());
    // nothing listens on the gateway at a port no forwarder took: the dead broker
    Site s = new Site(name, m.address, m.launcher(), m.gateway + ":" + toBroker.port(), m.gateway + ":" + freePort(),
        m.gateway + ":" + toDb.port(), List.of(toBroker, toDb));
    sites.add(s);
    return s;
  }

  /** The test database's server, as -Dit.mariadb.url names it (127.0.0.1:3306 by default). */
  static URI dbServer() {
    return URI.create(database.url().jdbcUrl().substring("jdbc:".length()));
  }

  /** What every machine shares: the database, the brokers (a dead one first), the messaging and backup policy. */
  static CinderConf shared(Site site) {
    DatabaseUrl url = database.url();
    String name = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1);
    String login = url.user() + (url.password() == null || url.password().isEmpty() ? "" : ":" + url.password());
    return CinderConf.empty()
        .with(CinderConf.DEFAULT, "transport_url", "rabbit://guest:guest@" + site.deadBroker()
            + ",guest:guest@" + site.broker() + "/" + broker.vhost())
        .with("oslo_messaging_rabbit", "rabbit_quorum_queue", "true")
        .with("database", "connection", "mysql+pymysql://" + login + "@" + site.db() + "/" + name)
        .with(CinderConf.DEFAULT, "my_ip", site.address())
        .with(CinderConf.DEFAULT, "backup_use_same_host", "true")
        .with(CinderConf.DEFAULT, "report_interval", "1")
        .with(CinderConf.DEFAULT, "service_down_time", "5")
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "20")
        .with(CinderConf.DEFAULT, "scheduler_driver_init_wait_time", "30");
  }

  /** A volume node: its own host name, one backend whose pool the volume type's volume_backend_name picks. */
  static CinderConf volumeNode(Site site, String host, String backendName) {
    return shared(site).with(CinderConf.DEFAULT, "host", host)
        .with(CinderConf.DEFAULT, "emulator_data_listen", site.address())
        .with(CinderConf.DEFAULT, "enabled_backends", BACKEND)
        .with(BACKEND, "volume_backend_name", backendName);
  }

  /** One machine's services: a directory with their conf; state_path below it does not exist yet. */
  static List<ServiceProcess> start(Site site, CinderConf conf, String... binaries) throws IOException {
    Path dir = Files.createDirectories(root.resolve(site.name()));
    CinderConf own = conf.with(CinderConf.DEFAULT, "state_path", dir.resolve("state").toString());
    List<ServiceProcess> started = new ArrayList<>();
    for (String binary : binaries) {
      ServiceProcess p = ServiceProcess.start(site.launcher(), binary, own, dir, binary);
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
      processes.forEach(p -> logs.append("\n--- alive: ").append(p.isAlive()).append('\n').append(p.logTail()));
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
    // in namespaces, every machine reached the broker and the database through its own gateway only
    assertThat(sites).allSatisfy(s -> assertThat(s.forwarders()).allSatisfy(f ->
        assertThat(f.connections()).as("%s's connections through a forwarder", s.name()).isPositive()));
  }

  @Test
  @Order(2)
  void sigtermStopsAServiceCleanly() throws Exception {
    Path ready = root.resolve("hostB/state/run/cinder-backup.ready");
    assertThat(ready).as("the service created its state_path").exists();

    int status = backupB.terminate(Duration.ofSeconds(20));

    assertThat(status).as("the JVM's exit after SIGTERM (143, systemd's SuccessExitStatus)").isEqualTo(143);
    assertThat(ready).doesNotExist();
    // its consumers go with its connection within moments, not after the broker's 60 s heartbeat timeout
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(broker.queues()).filteredOn(q -> "cinder-backup.hostB".equals(q.getString("name")))
            .extracting(q -> q.getInteger("consumers")).containsExactly(0));
  }

  @Test
  @Order(3)
  void aServiceAloneNamesAnUnreachableDatabaseInOneLine() throws Exception {
    int dead = freePort();
    Site here = new Site("hostC", LOOPBACK, List.of(), LOOPBACK + ":5672", LOOPBACK + ":" + freePort(),
        LOOPBACK + ":3306", List.of());
    CinderConf conf = volumeNode(here, "hostC", "mh_c")
        .with("database", "connection", "mysql+pymysql://cinder:s3cret@127.0.0.1:" + dead + "/cinder");
    ServiceProcess p = start(here, conf, "cinder-volume").get(0);

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
