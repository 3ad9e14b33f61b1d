package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.chaos.ChaosRules;
import org.cinderemu.deploy.chaos.ProcessFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cinder-emu chaos kill|freeze|restart} on every service kind of a detached seed lab (H2): a killed service's
 * rows go down within service_down_time and `restart` brings them back (a volume is created afterwards); a frozen
 * one stops heartbeating and resumes; a frozen API answers nothing until thawed; `status` agrees throughout.
 */
class ChaosProcessFaultsIT {

  static final int REPORT_INTERVAL_S = 1;
  static final int SERVICE_DOWN_TIME_S = 5;
  /** The API is polled, heartbeats land on a whole second, and the machine is shared: this much on top. */
  static final Duration SLACK = Duration.ofSeconds(5);
  static final List<String> RPC_SERVICES = List.of("cinder-scheduler", "cinder-volume", "cinder-backup");

  static TestBroker broker;
  static Path state;
  static int port;
  static String host;
  static CinderHttp cinder;

  @BeforeAll
  static void up() throws Exception {
    broker = TestBroker.create();
    state = Files.createTempDirectory("cemu-chaos-");
    port = LauncherIT.freePort();
    host = "chaos-" + UUID.randomUUID().toString().substring(0, 6);
    CinderConf conf = broker.apply(CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "host = " + host,
        "enabled_backends = lvmdriver-1,whatever_it_is",
        "osapi_volume_listen = 127.0.0.1",
        "report_interval = " + REPORT_INTERVAL_S,
        "service_down_time = " + SERVICE_DOWN_TIME_S,
        "[lvmdriver-1]", "volume_backend_name = lvmdriver-1",
        "[whatever_it_is]", "volume_backend_name = new_lvm_backend", "")));
    Path given = Files.writeString(Files.createDirectories(state.resolve("given")).resolve("given.conf"), conf.toIni());
    LauncherIT.Run up = LauncherIT.cinderEmu("up", "--detach", "--config", given.toString(), "--state-dir",
        state.toString(), "--api-port", String.valueOf(port));
    assertThat(up.exit()).as(up.output()).isZero();
    cinder = new CinderHttp(port);
  }

  @AfterAll
  static void down() throws Exception {
    LauncherIT.Run down = LauncherIT.cinderEmu("down", "--state-dir", state.toString());
    broker.close();
    assertThat(down.output()).as("down stops the restarted children too").doesNotContain("killed");
    try (var files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static LauncherIT.Run chaos(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("chaos"));
    all.addAll(List.of(args));
    all.addAll(List.of("--state-dir", state.toString()));
    return LauncherIT.cinderEmu(all.toArray(String[]::new));
  }

  /**
   * The os-services rows of the scheduler, both volume backends and the backup service: host → state. At 3.0:
   * from 3.49 the API asks the scheduler for backend_state, a call that waits rpc_response_timeout when it is down.
   */
  static Map<String, String> rpcServiceStates() {
    Map<String, String> states = new TreeMap<>();
    CinderHttp.Answer services = cinder.send("GET", "/os-services", null, "3.0");
    assertThat(services.status()).as(services.body().encode()).isEqualTo(200);
    services.body().getJsonArray("services").stream().map(JsonObject.class::cast)
        .filter(s -> RPC_SERVICES.contains(s.getString("binary")))
        .forEach(s -> states.put(s.getString("binary") + " " + s.getString("host"), s.getString("state")));
    return states;
  }

  static void awaitAllRpcServices(String wanted, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(rpcServiceStates()).hasSize(4).allSatisfy((service, s) -> assertThat(s).as(service)
            .isEqualTo(wanted)));
  }

  static long pid(String child) throws Exception {
    return Long.parseLong(Files.readString(state.resolve("run").resolve(child + ".pid")).strip());
  }

  static void createsAVolume() {
    String id = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(id, Duration.ofSeconds(60)).getString("status")).isEqualTo("available");
  }

  /** Whether the API answers a request within two seconds. */
  static boolean apiAnswers() {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2)).build()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthcheck"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void killedServicesGoDownWithinServiceDownTimeAndRestartBringsThemBack() throws Exception {
    awaitAllRpcServices("up", Duration.ofSeconds(30));
    List<String> all = List.of("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");
    Map<String, Long> before = new HashMap<>();
    for (String child : all) {
      before.put(child, pid(child));
    }

    LauncherIT.Run kill = chaos("kill", "cinder-scheduler", "cinder-volume", "cinder-backup");
    assertThat(kill.exit()).as(kill.output()).isZero();
    assertThat(kill.output().lines().filter(l -> l.endsWith("killed (SIGKILL)"))).hasSize(3);
    // counted from the kill, not from the start of the command's JVM
    awaitAllRpcServices("down", Duration.ofSeconds(SERVICE_DOWN_TIME_S).plus(SLACK));
    // the API last (it answers os-services), through the Java API the experiment runner calls
    assertThat(ProcessFaults.kill(new StateDir(state), "cinder-api").done()).isEqualTo("killed (SIGKILL)");
    assertThat(apiAnswers()).isFalse();
    LauncherIT.Run status = LauncherIT.cinderEmu("status", "--state-dir", state.toString());
    assertThat(status.exit()).isEqualTo(3);
    for (String child : all) {
      assertThat(status.output()).containsPattern(child + " +pid " + before.get(child) + " +not running");
    }

    LauncherIT.Run restart = chaos("restart", "cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");
    assertThat(restart.exit()).as(restart.output()).isZero();
    assertThat(restart.output().lines().filter(l -> l.endsWith("restarted and ready (was not running)"))).hasSize(4);
    for (String child : all) {
      assertThat(pid(child)).isNotEqualTo(before.get(child));
    }
    assertThat(apiAnswers()).isTrue();
    awaitAllRpcServices("up", Duration.ofSeconds(30));
    // the restarted children are the stack's: status (and so down) sees every one running and ready
    assertThat(RecordedStack.of(new StateDir(state)).status()).filteredOn(c -> all.contains(c.binary())).hasSize(4)
        .allSatisfy(c -> assertThat(c.running() && c.ready()).as(c.line()).isTrue());
    createsAVolume();
  }

  @Test
  void frozenServicesStopHeartbeatingThenResumeAndAFrozenApiAnswersNothingUntilThawed() throws Exception {
    awaitAllRpcServices("up", Duration.ofSeconds(30));
    int seconds = SERVICE_DOWN_TIME_S + (int) SLACK.toSeconds() + 3;
    Process freeze = new ProcessBuilder(LauncherIT.cinderEmuCommand("chaos", "freeze", "cinder-scheduler",
        "cinder-volume", "cinder-backup", "--seconds", String.valueOf(seconds), "--state-dir", state.toString()))
        .redirectErrorStream(true).start();
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(freeze.getInputStream(),
        StandardCharsets.UTF_8)).lines().forEach(l -> output.append(l).append('\n')));
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().lines()
          .filter(l -> l.contains("frozen (SIGSTOP)")).count() == 3 || !freeze.isAlive());
      awaitAllRpcServices("down", Duration.ofSeconds(SERVICE_DOWN_TIME_S).plus(SLACK));
      assertThat(freeze.waitFor(seconds + 30, TimeUnit.SECONDS)).isTrue();
      reader.join(5000);
      assertThat(freeze.exitValue()).as(output.toString()).isZero();
      assertThat(output.toString().lines().filter(l -> l.endsWith("thawed (SIGCONT)"))).as(output.toString())
          .hasSize(3);
    } finally {
      freeze.destroy();  // Ctrl-C's path: its shutdown hook thaws
    }
    awaitAllRpcServices("up", Duration.ofSeconds(SERVICE_DOWN_TIME_S).plus(SLACK));

    // through the Java API the experiment runner calls: frozen until thawed, whatever the duration said
    StateDir stack = new StateDir(state);
    long api = pid("cinder-api");
    ProcessFaults.freeze(stack, "cinder-api", Duration.ofSeconds(120));
    try {
      assertThat(ProcessFaults.isFrozen(stack, "cinder-api")).isTrue();
      assertThat(apiAnswers()).isFalse();
    } finally {
      ProcessFaults.thaw(stack, "cinder-api");
    }
    assertThat(ProcessFaults.isFrozen(stack, "cinder-api")).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(ChaosProcessFaultsIT::apiAnswers);
    assertThat(pid("cinder-api")).isEqualTo(api);
    createsAVolume();
  }

  @Test
  void aRuleAddedThroughTheCliDropsTheCastItNamesCountsItsHitAndIsCleared() throws Exception {
    awaitAllRpcServices("up", Duration.ofSeconds(30));
    LauncherIT.Run add = chaos("add", "--service", "cinder-scheduler", "--direction", "consume", "--method",
        "create_volume", "--action", "drop", "--count", "1");
    assertThat(add.exit()).as(add.output()).isZero();
    assertThat(add.output()).startsWith("cinder-scheduler: rule ");

    String dropped = cinder.createVolume(1, null);
    ChaosRules rules = ChaosRules.of(new StateDir(state));
    await().atMost(Duration.ofSeconds(30)).until(() -> rules.list(Optional.of("cinder-scheduler"))
        .get("cinder-scheduler").get(0).getLong("hits") == 1L);
    // oslo acked the cast before it was dropped: nobody schedules the volume
    assertThat(cinder.volume(dropped).getString("status")).isEqualTo("creating");
    createsAVolume();  // the rule is spent (count 1)

    LauncherIT.Run list = chaos("list");
    assertThat(list.exit()).as(list.output()).isZero();
    assertThat(list.output()).containsPattern("cinder-scheduler +\\S+ +cinder-scheduler +- +consume +\\* +create_volume +drop"
        + " +1(\\.0)? +1 +1 +false");
    assertThat(list.output()).contains("cinder-api: no rules");
    LauncherIT.Run clear = chaos("clear");
    assertThat(clear.exit()).as(clear.output()).isZero();
    assertThat(clear.output()).contains("cinder-scheduler: 1 rule(s) removed, 1 hit(s) in all");
    assertThat(rules.list(Optional.empty()).values()).allMatch(List::isEmpty);
  }
}
