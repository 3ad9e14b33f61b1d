package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.ListeningSockets;
import org.cinderemu.deploy.NetworkChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cinder-emu up --detach} starts the four services each in its own JVM (one cinder-volume JVM
 * serving the seed's two backends), a volume created through the API becomes available with the
 * seed's host field, and {@code cinder-emu down} stops every process; a foreground {@code up} keeps its secrets
 * and takes its children with it when it is killed.
 */
class LauncherIT {

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  static TestBroker broker;
  static Path state;
  static int port;
  static String host;

  @BeforeAll
  static void setUp() throws IOException {
    broker = TestBroker.create();
    state = Files.createTempDirectory("cemu-up-");
    port = freePort();
    host = "up-" + UUID.randomUUID().toString().substring(0, 6);
  }

  @AfterAll
  static void tearDown() throws Exception {
    cinderEmu("down", "--state-dir", state.toString());
    broker.close();
    try (var files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  record Run(int exit, String output) {
  }

  static Run cinderEmu(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cinderEmuCommand(args)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static List<String> cinderEmuCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.cinderemu.deploy.CinderEmu"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The seed lab's cinder.conf on the given broker vhost, written into {@code dir}. */
  static Path seedConf(TestBroker vhost, Path dir) throws IOException {
    CinderConf conf = vhost.apply(CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "host = " + host,
        "enabled_backends = lvmdriver-1,whatever_it_is",
        "osapi_volume_listen = 127.0.0.1",
        "[lvmdriver-1]", "volume_backend_name = lvmdriver-1",
        "[whatever_it_is]", "volume_backend_name = new_lvm_backend", "")));
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("given.conf"), conf.toIni());
  }

  /**
   * A free API port, distinct from the ones handed out before. Drawn from 10000-19999: below the ephemeral
   * range that the ITs running beside this one take ports from, and below the launcher's database ports.
   */
  static int freePort() {
    int port;
    do {
      port = NetworkChecks.freeLoopbackPort(10000, 20000);
    } while (!HANDED_OUT.add(port));
    return port;
  }

  /** Two stacks with different state dirs and ports: refused on one vhost, side by side on two. */
  @Test
  void twoStacksNeedTwoVhostsAndThenDoNotCollide() throws Exception {
    Path first = state.resolve("first");
    Path same = state.resolve("same-vhost");
    Path second = state.resolve("second");
    int firstPort = freePort();
    int secondPort = freePort();
    try (TestBroker otherVhost = TestBroker.create()) {
      Run up = cinderEmu("up", "--detach", "--config", seedConf(broker, first).toString(), "--state-dir",
          first.toString(), "--api-port", String.valueOf(firstPort));
      assertThat(up.exit()).as(up.output()).isZero();
      try {
        Run refused = cinderEmu("up", "--detach", "--config", seedConf(broker, same).toString(), "--state-dir",
            same.toString(), "--api-port", String.valueOf(freePort()));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("another Cinder control plane is consuming on RabbitMQ vhost '"
            + broker.vhost() + "'");

        Run beside = cinderEmu("up", "--detach", "--config", seedConf(otherVhost, second).toString(),
            "--state-dir", second.toString(), "--api-port", String.valueOf(secondPort));
        assertThat(beside.exit()).as(beside.output()).isZero();
        try {
          CinderHttp a = new CinderHttp(firstPort);
          CinderHttp b = new CinderHttp(secondPort);
          String inA = a.createVolume(1, null);
          String inB = b.createVolume(1, null);
          assertThat(a.awaitSettled(inA, Duration.ofSeconds(60)).getString("status")).isEqualTo("available");
          assertThat(b.awaitSettled(inB, Duration.ofSeconds(60)).getString("status")).isEqualTo("available");
          // separate databases: each stack knows only its own volume
          assertThat(a.send("GET", "/volumes/" + inB, null).status()).isEqualTo(404);
          assertThat(b.send("GET", "/volumes/" + inA, null).status()).isEqualTo(404);
        } finally {
          cinderEmu("down", "--state-dir", second.toString());
        }
      } finally {
        cinderEmu("down", "--state-dir", first.toString());
      }
    }
  }

  @Test
  void upCreatesAVolumeAndDownStopsEverything() throws Exception {
    Path confFile = seedConf(broker, state);

    Run up = cinderEmu("up", "--detach", "--config", confFile.toString(), "--state-dir", state.toString(),
        "--api-port", String.valueOf(port));
    assertThat(up.exit()).as(up.output()).isZero();
    assertThat(up.output()).contains("http://127.0.0.1:" + port);
    // one line per step as each becomes ready (ASCII marks: the output is a pipe), then the total
    assertThat(up.output().lines().filter(l -> l.startsWith("[ok] ")).map(l -> l.replaceAll("pid \\d+", "pid N")
        .replaceAll("\\d+\\.\\d s$", "T s")).toList()).containsExactlyInAnyOrder(
        "[ok] database (cinder-db, pid N) T s",
        "[ok] cinder-api (http://127.0.0.1:" + port + "/v3, pid N) T s",
        "[ok] cinder-scheduler (" + host + ", pid N) T s",
        "[ok] cinder-volume (" + host + "@lvmdriver-1, " + host + "@whatever_it_is, pid N) T s",
        "[ok] cinder-backup (" + host + ", pid N) T s",
        "[ok] ready in T s");
    assertThat(up.output().strip().lines().filter(l -> l.startsWith("[ok] ")).reduce((a, b) -> b))
        .hasValueSatisfying(last -> assertThat(last).startsWith("[ok] ready in "));
    // the scrape configuration for the admin ports just chosen: one target per service
    assertThat(up.output()).contains("Prometheus scrape config: " + state.resolve("prometheus.yml"));
    assertThat(new io.vertx.core.json.JsonObject(Files.readString(state.resolve("prometheus.yml")))
        .getJsonArray("scrape_configs").getJsonObject(0).getJsonArray("static_configs")).hasSize(4);

    Run status = cinderEmu("status", "--state-dir", state.toString());
    assertThat(status.output()).contains("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");
    List<Long> pids = new ArrayList<>();
    // the local H2 database has a server process of its own (cinder-db), stopped after the services
    for (String b : List.of("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup", "cinder-db")) {
      pids.add(Long.parseLong(Files.readString(state.resolve("run").resolve(b + ".pid")).strip()));
    }
    assertThat(pids).doesNotHaveDuplicates().allMatch(pid -> ProcessHandle.of(pid).isPresent());

    CinderHttp cinder = new CinderHttp(port);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").size() == 2);
    String typeId = cinder.createType("new_lvm_backend", new JsonObject().put("volume_backend_name", "new_lvm_backend"));
    assertThat(typeId).isNotBlank();
    String id = cinder.createVolume(1, "new_lvm_backend");
    JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(60));
    assertThat(v.getString("status")).isEqualTo("available");
    assertThat(v.getString("os-vol-host-attr:host")).isEqualTo(host + "@whatever_it_is#new_lvm_backend");
    // the volume's bytes are a sparse file in the state directory
    try (var files = Files.list(state.resolve("volumes").resolve("whatever_it_is"))) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.contains(id));
    }

    Run down = cinderEmu("down", "--state-dir", state.toString());
    assertThat(down.exit()).as(down.output()).isZero();
    assertThat(down.output()).doesNotContain("killed");
    await().atMost(Duration.ofSeconds(30)).until(() -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid)
        .map(ProcessHandle::isAlive).orElse(false)));
  }

  /**
   * A foreground `up`: what it writes is its owner's only, the database password is on no command line and in
   * no log, the database listens on loopback only, and when `up` dies by SIGKILL (no shutdown hook runs) every
   * child notices and stops.
   */
  @Test
  void aForegroundUpKeepsItsSecretsAndTakesItsChildrenWhenKilled() throws Exception {
    Path dir = state.resolve("foreground");
    Path output = state.resolve("foreground-up.out");
    try (TestBroker vhost = TestBroker.create()) {
      ProcessBuilder builder = new ProcessBuilder(cinderEmuCommand("up", "--config", seedConf(vhost, dir).toString(),
          "--state-dir", dir.toString(), "--api-port", String.valueOf(freePort())))
          .redirectErrorStream(true).redirectOutput(output.toFile());
      // INFO lines (Flyway's, the database server's) are where a connection url would show
      builder.environment().put(ChildSpec.JAVA_OPTS_ENV, "-Dcemu.test.log.level=INFO");
      Process up = builder.start();
      try {
        await().atMost(Duration.ofSeconds(180)).until(() -> !up.isAlive()
            || Files.readString(output).contains("[ok] ready in "));
        assertThat(up.isAlive()).as(Files.readString(output)).isTrue();
        Map<String, Long> children = new LinkedHashMap<>();
        for (String b : List.of("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup", "cinder-db")) {
          children.put(b, Long.parseLong(Files.readString(dir.resolve("run").resolve(b + ".pid")).strip()));
        }

        String password = Files.readString(dir.resolve("cinder-db.password")).strip();
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("cinder-db.password"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("cinder.conf"))).isEqualTo("rw-------");
        try (var logs = Files.list(dir.resolve("logs"))) {
          for (Path log : logs.toList()) {
            assertThat(mode(log)).as(log.toString()).isEqualTo("rw-------");
            assertThat(Files.readString(log)).as(log.toString()).doesNotContain(password);
          }
        }
        assertThat(Files.readString(output)).doesNotContain(password);
        for (Map.Entry<String, Long> child : children.entrySet()) {
          assertThat(Files.readString(Path.of("/proc", child.getValue().toString(), "cmdline")))
              .as(child.getKey()).contains("org.cinderemu.deploy.CinderEmu").doesNotContain(password);
        }
        Matcher db = Pattern.compile("jdbc:h2:tcp://127\\.0\\.0\\.1:(\\d+)/")
            .matcher(Files.readString(dir.resolve("cinder.conf")));
        assertThat(db.find()).isTrue();
        assertThat(ListeningSockets.on(Integer.parseInt(db.group(1)))).containsExactly("127.0.0.1");

        up.destroyForcibly();  // SIGKILL: the children are told by nothing but the end of their lifeline
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(children.values())
            .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
      } finally {
        up.destroyForcibly();
        cinderEmu("down", "--state-dir", dir.toString());
      }
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
