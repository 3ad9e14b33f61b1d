package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.PrometheusTargets;
import org.cinderemu.deploy.StateDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Debian's {@code prometheus} against a stack of one process per service (started as MetricsIT starts it), with
 * the scrape configuration {@code up} writes and the shipped alert rules: every service is scraped, every
 * dashboard panel's expression returns a series, every alert expression evaluates, and killing cinder-volume makes
 * CinderAgentDown fire. The shipped files pass {@code promtool}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

  private static final List<String> BINARIES = ProcessFleet.BINARIES;
  private static final Path ALERTS = Path.of("prometheus", "alerts.yml");
  private static final Path SHIPPED_CONFIG = Path.of("prometheus", "prometheus.yml");
  private static final Path DASHBOARD = Path.of("grafana", "cinder-emulator.json");
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final int SERVICE_DOWN_TIME_S = 5;
  /** What Grafana would put for {@code $__rate_interval} at a 1 s scrape interval and a short time range. */
  private static final String RATE_INTERVAL = "30s";

  static Lab lab;
  static ProcessFleet fleet;
  static Path promDir;
  static Process prometheus;
  static String promUrl;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    int apiPort = freePort();
    lab.set(CinderConf.DEFAULT, "osapi_volume_listen_port", String.valueOf(apiPort))
        .set(CinderConf.DEFAULT, "service_down_time", String.valueOf(SERVICE_DOWN_TIME_S));
    // a database server of its own, so that the cinder-volume killed below cannot take it along (see MetricsIT)
    fleet = new ProcessFleet(lab).startAll();
    CinderHttp cinder = new CinderHttp(apiPort).unlimited();
    await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() ->
        !cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").isEmpty());
    // one typed create: RPC series in every service, a filter rejection (the other backend) and API routes
    cinder.createType("good", new JsonObject().put("volume_backend_name", "lvmdriver-1"));
    assertThat(cinder.awaitSettled(cinder.createVolume(1, "good"), SETTLE).getString("status"))
        .isEqualTo("available");
    startPrometheus();
  }

  private static void startPrometheus() throws Exception {
    promDir = Files.createTempDirectory("prometheus-it");
    Path rules = promDir.resolve("alerts.yml");
    // the shipped rules with every `for:` shortened: the alert fires at the first evaluation that finds it true
    Files.writeString(rules, Files.readString(ALERTS).replaceAll("(?m)^(\\s+for:) .*$", "$1 0s"));
    PrometheusTargets targets = PrometheusTargets.read(new StateDir(lab.stateDir), BINARIES, lab.host);
    assertThat(targets.targets()).hasSize(BINARIES.size());
    Path config = targets.write(new StateDir(promDir));
    JsonObject conf = new JsonObject(Files.readString(config));
    conf.put("global", new JsonObject().put("scrape_interval", "1s").put("evaluation_interval", "1s"))
        .put("rule_files", new JsonArray().add(rules.toString()));
    Files.writeString(config, conf.encodePrettily());
    promUrl = "http://127.0.0.1:" + freePort();
    prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=" + promUrl.substring(7),
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(promDir.resolve("prometheus.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();  // SIGTERM to its pid: it closes its database
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (promDir != null) {
      try (Stream<Path> files = Files.walk(promDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    if (fleet != null) {
      fleet.close();
    } else if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void promtoolAcceptsTheShippedRulesAndConfig() throws Exception {
    assertThat(promtool("check", "rules", ALERTS.toString())).contains("SUCCESS: 7 rules found");
    assertThat(promtool("check", "config", SHIPPED_CONFIG.toString())).contains("is valid prometheus config");
  }

  @Test
  @Order(2)
  void everyServiceIsScrapedAndUp() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonArray active = api("/api/v1/targets").getJsonObject("data").getJsonArray("activeTargets");
      assertThat(active).hasSize(BINARIES.size());
      assertThat(active.stream().map(JsonObject.class::cast)).allSatisfy(t ->
          assertThat(t.getString("health")).as("%s: %s", t.getString("scrapeUrl"), t.getString("lastError"))
              .isEqualTo("up"));
      assertThat(active.stream().map(t -> ((JsonObject) t).getJsonObject("labels").getString("service")))
          .containsExactlyInAnyOrderElementsOf(BINARIES);
    });
  }

  @Test
  @Order(3)
  void everyDashboardPanelsExpressionReturnsASeries() throws Exception {
    List<String> exprs = dashboardExpressions();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(16);
    // a rate needs two scrapes of a series inside its range
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      for (String expr : exprs) {
        JsonObject answer = query(expr);
        assertThat(answer.getString("status")).as("%s: %s", expr, answer.getString("error")).isEqualTo("success");
        assertThat(answer.getJsonObject("data").getJsonArray("result")).as(expr).isNotEmpty();
      }
    });
  }

  private static List<String> dashboardExpressions() throws IOException {
    List<String> exprs = new ArrayList<>();
    JsonArray panels = new JsonObject(Files.readString(DASHBOARD)).getJsonArray("panels");
    for (Object panel : panels) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
        exprs.add(((JsonObject) target).getString("expr").replace("$__rate_interval", RATE_INTERVAL));
      }
    }
    return exprs;
  }

  @Test
  @Order(4)
  void everyAlertRuleIsLoadedAndEvaluates() throws Exception {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<JsonObject> rules = rules();
      assertThat(rules).extracting(r -> r.getString("name")).contains("CinderAgentDown", "CinderAgentDisabled",
          "CinderVolumesInError", "CinderPoolCapacityHigh", "CinderRpcCallTimeoutsRising");
      for (JsonObject rule : rules) {
        assertThat(rule.getString("health")).as("%s: %s", rule.getString("name"), rule.getString("lastError"))
            .isEqualTo("ok");
        JsonObject answer = query(rule.getString("query"));
        assertThat(answer.getString("status")).as(rule.getString("query")).isEqualTo("success");
      }
    });
    // a healthy stack: nothing fires
    assertThat(firing("CinderAgentDown")).isEmpty();
  }

  @Test
  @Order(5)
  void killingCinderVolumeFiresCinderAgentDown() throws Exception {
    fleet.process("cinder-volume").kill();
    // service_down_time after the last heartbeat, the exporter's 2 s cache, a scrape and an evaluation
    await().atMost(Duration.ofSeconds(SERVICE_DOWN_TIME_S + 20)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(firing("CinderAgentDown"))
            .extracting(a -> a.getJsonObject("labels").getString("service"))
            .hasSize(2).containsOnly("cinder-volume"));  // one per backend of the killed process
  }

  private static List<JsonObject> rules() throws Exception {
    List<JsonObject> rules = new ArrayList<>();
    for (Object group : api("/api/v1/rules").getJsonObject("data").getJsonArray("groups")) {
      ((JsonObject) group).getJsonArray("rules").forEach(r -> rules.add((JsonObject) r));
    }
    return rules;
  }

  private static List<JsonObject> firing(String alertname) throws Exception {
    return api("/api/v1/alerts").getJsonObject("data").getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> alertname.equals(a.getJsonObject("labels").getString("alertname")))
        .filter(a -> "firing".equals(a.getString("state"))).toList();
  }

  private static JsonObject query(String expr) throws Exception {
    HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    return new JsonObject(r.body());
  }

  private static JsonObject api(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(promUrl + path)).timeout(Duration.ofSeconds(10)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String promtool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/promtool"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool %s:\n%s", String.join(" ", args), out).isZero();
    return out;
  }
}
