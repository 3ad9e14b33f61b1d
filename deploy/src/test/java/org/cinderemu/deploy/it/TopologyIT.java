package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.it.LauncherIT.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code up --hosts N --backends-per-host M --pools-per-backend K}: each emulated host is a machine of its own to
 * the rest of Cinder (its services rows, queues, capability reports, pools), whether every service runs in a JVM
 * of its own or all of them in one ({@code --in-process}).
 */
class TopologyIT {

  private static final Pattern RUNNING = Pattern.compile(" pid \\S+ +running ");

  static Path root;

  @BeforeAll
  static void setUp() throws IOException {
    root = Files.createTempDirectory("cemu-topology-");
  }

  @AfterAll
  static void tearDown() throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The stack's base cinder.conf: its own vhost, room for the test's volumes. */
  static Path baseConf(TestBroker vhost, Path dir) throws IOException {
    CinderConf conf = vhost.apply(CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "osapi_volume_listen = 127.0.0.1",
        "quota_volumes = 50",
        "enabled_backends = unused",
        "[unused]", "")));
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("given.conf"), conf.toIni());
  }

  @Test
  void threeHostsOfTwoBackendsOfTwoPoolsEachInItsOwnProcesses() throws Exception {
    Path state = root.resolve("separate");
    int port = LauncherIT.freePort();
    try (TestBroker broker = TestBroker.create()) {
      long started = System.nanoTime();
      Run up = LauncherIT.cinderEmu("up", "--detach", "--config", baseConf(broker, state).toString(),
          "--state-dir", state.toString(), "--api-port", String.valueOf(port),
          "--hosts", "3", "--backends-per-host", "2", "--pools-per-backend", "2", "--zones", "az1,az2,az3");
      try {
        assertThat(up.exit()).as(up.output()).isZero();
        long ready = System.nanoTime();
        CinderHttp cinder = new CinderHttp(port);
        List<String> hosts = List.of("node1", "node2", "node3");
        Set<String> pools = pools(hosts, List.of("b1", "b2"), List.of("pool1", "pool2"));

        awaitPools(cinder, pools);
        assertVolumeServices(cinder, hosts, List.of("b1", "b2"), List.of("az1", "az2", "az3"));
        assertQueues(broker, hosts, List.of("b1", "b2"));

        // one cinder-volume JVM per host, each serving its two backends, as cinder/cmd/volume.py does
        Run status = LauncherIT.cinderEmu("status", "--state-dir", state.toString());
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("cinder-volume@node1", "cinder-volume@node2", "cinder-volume@node3");
        List<Long> pids = new ArrayList<>();
        for (String child : List.of("cinder-api", "cinder-scheduler", "cinder-backup", "cinder-volume@node1",
            "cinder-volume@node2", "cinder-volume@node3")) {
          pids.add(Long.parseLong(Files.readString(state.resolve("run").resolve(child + ".pid")).strip()));
        }
        assertThat(pids).doesNotHaveDuplicates();

        // four volumes per zone: the CapacityWeigher spreads them over the zone's host's four equal pools
        Set<String> landed = new HashSet<>();
        for (String zone : List.of("az1", "az2", "az3")) {
          for (int i = 0; i < 4; i++) {
            landed.add(createAvailable(cinder, zone));
          }
        }
        assertThat(landed).isEqualTo(pools);
        System.out.printf("TopologyIT %s: up ready in %.1f s, %d volumes placed in %.1f s, services' resident "
            + "memory %d MB (%d cores)%n", state.getFileName(), (ready - started) / 1e9, landed.size(),
            (System.nanoTime() - ready) / 1e9, servicesRssMb(state), Runtime.getRuntime().availableProcessors());
      } finally {
        down(state);
      }
      assertThat(running(LauncherIT.cinderEmu("status", "--state-dir", state.toString()))).isEmpty();
    }
  }

  @Test
  void inProcessTheSameShapeRunsInOneJvm() throws Exception {
    Path state = root.resolve("in-process");
    int port = LauncherIT.freePort();
    try (TestBroker broker = TestBroker.create()) {
      long started = System.nanoTime();
      Run up = LauncherIT.cinderEmu("up", "--detach", "--in-process", "--config", baseConf(broker, state).toString(),
          "--state-dir", state.toString(), "--api-port", String.valueOf(port),
          "--hosts", "2", "--backends-per-host", "2", "--backup-per-host");
      try {
        assertThat(up.exit()).as(up.output()).isZero();
        long ready = System.nanoTime();
        CinderHttp cinder = new CinderHttp(port);
        List<String> hosts = List.of("node1", "node2");
        Set<String> pools = pools(hosts, List.of("b1", "b2"), List.of("pool1"));

        awaitPools(cinder, pools);
        assertVolumeServices(cinder, hosts, List.of("b1", "b2"), List.of("nova", "nova"));
        assertQueues(broker, hosts, List.of("b1", "b2"));
        for (String h : hosts) {
          JsonObject backup = cinder.service("cinder-backup", h);
          assertThat(backup).as("cinder-backup on " + h).isNotNull();
          assertThat(backup.getString("state")).isEqualTo("up");
        }

        Run status = LauncherIT.cinderEmu("status", "--state-dir", state.toString());
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(running(status)).containsExactly("cinder-services", "cinder-db");

        Set<String> landed = new HashSet<>();
        for (int i = 0; i < 4; i++) {
          landed.add(createAvailable(cinder, null));
        }
        assertThat(landed).isEqualTo(pools);
        System.out.printf("TopologyIT %s: up ready in %.1f s, %d volumes placed in %.1f s, services' resident "
            + "memory %d MB (%d cores)%n", state.getFileName(), (ready - started) / 1e9, landed.size(),
            (System.nanoTime() - ready) / 1e9, servicesRssMb(state), Runtime.getRuntime().availableProcessors());
      } finally {
        down(state);
      }
    }
  }

  static Set<String> pools(List<String> hosts, List<String> backends, List<String> pools) {
    Set<String> out = new HashSet<>();
    hosts.forEach(h -> backends.forEach(b -> pools.forEach(p -> out.add(h + "@" + b + "#" + p))));
    return out;
  }

  /** Every pool in get_pools, reported by its own backend with its own capacity. */
  static void awaitPools(CinderHttp cinder, Set<String> pools) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      List<JsonObject> reported = cinder.ok("GET", "/scheduler-stats/get_pools?detail=true", null)
          .getJsonArray("pools").stream().map(p -> (JsonObject) p).toList();
      assertThat(reported.stream().map(p -> p.getString("name")).collect(Collectors.toSet())).isEqualTo(pools);
      for (JsonObject p : reported) {
        String backend = p.getString("name").split("[@#]")[1];
        assertThat(p.getJsonObject("capabilities").getString("volume_backend_name")).isEqualTo(backend);
        assertThat(p.getJsonObject("capabilities").getDouble("total_capacity_gb")).isEqualTo(1000.0);
      }
    });
  }

  /** One up cinder-volume service per host and backend, in its host's zone, heartbeating. */
  static void assertVolumeServices(CinderHttp cinder, List<String> hosts, List<String> backends,
      List<String> zones) {
    List<JsonObject> services = cinder.ok("GET", "/os-services?binary=cinder-volume", null)
        .getJsonArray("services").stream().map(s -> (JsonObject) s).toList();
    assertThat(services).hasSize(hosts.size() * backends.size());
    for (int i = 0; i < hosts.size(); i++) {
      for (String b : backends) {
        String host = hosts.get(i) + "@" + b;
        assertThat(services).filteredOn(s -> s.getString("host").equals(host)).as(host).singleElement()
            .satisfies(s -> {
              assertThat(s.getString("state")).isEqualTo("up");
              assertThat(s.getString("status")).isEqualTo("enabled");
              assertThat(s.getString("updated_at")).isNotBlank();
            });
      }
    }
    for (int i = 0; i < hosts.size(); i++) {
      String prefix = hosts.get(i) + "@";
      String zone = zones.get(i);
      assertThat(services).filteredOn(s -> s.getString("host").startsWith(prefix))
          .allSatisfy(s -> assertThat(s.getString("zone")).isEqualTo(zone));
    }
  }

  /** Each backend's own queues, consumed: cinder-volume.<host>@<b>, ….<host>, and its fanout queue. */
  static void assertQueues(TestBroker broker, List<String> hosts, List<String> backends) {
    List<JsonObject> queues = broker.queues();
    Set<String> consumed = queues.stream().filter(q -> q.getInteger("consumers", 0) > 0)
        .map(q -> q.getString("name")).collect(Collectors.toSet());
    for (String h : hosts) {
      for (String b : backends) {
        String topic = "cinder-volume." + h + "@" + b;
        assertThat(consumed).contains(topic, topic + "." + h);
        assertThat(consumed).anyMatch(q -> q.startsWith(topic + "_fanout_"));
      }
    }
  }

  /** Creates a 1 GB volume (in {@code zone} when given), waits for it and returns its pool. */
  static String createAvailable(CinderHttp cinder, String zone) {
    JsonObject body = new JsonObject().put("size", 1);
    if (zone != null) {
      body.put("availability_zone", zone);
    }
    String id = cinder.ok("POST", "/volumes", new JsonObject().put("volume", body)).getJsonObject("volume")
        .getString("id");
    JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(60));
    assertThat(v.getString("status")).as(v.encodePrettily()).isEqualTo("available");
    if (zone != null) {
      assertThat(v.getString("availability_zone")).isEqualTo(zone);
    }
    return v.getString("os-vol-host-attr:host");
  }

  /** VmRSS summed over the service children the pid files name (the database server left out). */
  static long servicesRssMb(Path state) throws IOException {
    long kb = 0;
    try (var pids = Files.list(state.resolve("run"))) {
      for (Path pid : pids.filter(p -> p.toString().endsWith(".pid") && !p.endsWith("cinder-db.pid")).toList()) {
        Path status = Path.of("/proc", Files.readString(pid).strip(), "status");
        kb += Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
      }
    }
    return kb / 1024;
  }

  /** The children `status` reports running. */
  static List<String> running(Run status) {
    return status.output().lines().filter(l -> RUNNING.matcher(l).find()).map(l -> l.split(" ")[0]).toList();
  }

  static void down(Path state) throws Exception {
    Run down = LauncherIT.cinderEmu("down", "--state-dir", state.toString());
    assertThat(down.exit()).as(down.output()).isZero();
    assertThat(down.output()).doesNotContain("killed");
  }
}
