package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.testing.TestBroker;
import org.cinderemu.deploy.ChildSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a running seed lab: {@code status --json} names every service with its host, state, pid and the deployment's
 * queues as the broker counts them, and {@code logs --request} gathers one create's lines from every service it
 * crossed, in time order.
 */
class StatusAndLogsIT {

  static final String PROJECT = "0123456789abcdef0123456789abcdef";

  // HTTP/1.1 as Prometheus scrapes; the JDK client's default h2c upgrade is not what the endpoints are for
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static TestBroker broker;
  static Path state;
  static int port;

  @BeforeAll
  static void up() throws Exception {
    broker = TestBroker.create();
    state = Files.createTempDirectory("cemu-status-");
    port = LauncherIT.freePort();
    Path conf = LauncherIT.seedConf(broker, state.resolve("given"));
    // the services log at INFO, as in production, instead of the test configuration's WARN
    ProcessBuilder up = new ProcessBuilder(LauncherIT.cinderEmuCommand("up", "--detach", "--config", conf.toString(),
        "--state-dir", state.toString(), "--api-port", String.valueOf(port))).redirectErrorStream(true);
    up.environment().put(ChildSpec.JAVA_OPTS_ENV, "-Dcemu.test.log.level=INFO");
    Process p = up.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    LauncherIT.cinderEmu("down", "--state-dir", state.toString());
    broker.close();
  }

  /** POSTs a volume and returns the request id the API answered with. */
  static String createVolume() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v3/" + PROJECT + "/volumes"))
        .header("X-Auth-Token", "admin:" + PROJECT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"volume\": {\"size\": 1, \"name\": \"traced\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = new JsonObject(r.body()).getJsonObject("volume").getString("id");
    CinderHttp cinder = new CinderHttp(port);
    assertThat(cinder.awaitSettled(id, Duration.ofSeconds(60)).getString("status")).isEqualTo("available");
    return r.headers().firstValue("x-openstack-request-id").orElseThrow();
  }

  @Test
  void statusJsonAndOneRequestsLogsFromEveryService() throws Exception {
    String request = createVolume();

    LauncherIT.Run status = LauncherIT.cinderEmu("status", "--json", "--state-dir", state.toString());
    assertThat(status.exit()).as(status.output()).isZero();
    JsonObject json = new JsonObject(status.output().substring(status.output().indexOf('{')));
    JsonArray services = json.getJsonArray("services");
    String host = LauncherIT.host;
    assertThat(services.stream().map(o -> ((JsonObject) o).getString("binary") + " " + ((JsonObject) o).getString("host")))
        .containsExactlyInAnyOrder("cinder-scheduler " + host, "cinder-backup " + host,
            "cinder-volume " + host + "@lvmdriver-1", "cinder-volume " + host + "@whatever_it_is");
    for (Object o : services) {
      JsonObject s = (JsonObject) o;
      assertThat(s.getString("state")).as(s.encode()).isEqualTo("up");
      String child = s.getString("binary");
      long pid = Long.parseLong(Files.readString(state.resolve("run").resolve(child + ".pid")).strip());
      assertThat(s.getLong("pid")).as(s.encode()).isEqualTo(pid);
      // every service process serves its metrics where status says
      HttpResponse<String> scrape = HTTP.send(
          HttpRequest.newBuilder(URI.create(s.getString("metrics_url"))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).as(s.encode()).isEqualTo(200);
      assertThat(scrape.body()).contains("# TYPE ");
    }
    JsonObject backendQueue = json.getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("name").equals("cinder-volume." + host + "@whatever_it_is." + host))
        .findFirst().orElseThrow();
    assertThat(backendQueue.getInteger("consumers")).isEqualTo(1);
    assertThat(json.getJsonObject("volumes").getLong("available")).isEqualTo(1L);

    // the volume service logs the create after the API answered: wait for its line
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      LauncherIT.Run logs = LauncherIT.cinderEmu("logs", "--request", request, "--state-dir", state.toString());
      assertThat(logs.exit()).as(logs.output()).isZero();
      List<String> lines = logs.output().lines().toList();
      assertThat(lines).as(logs.output()).isNotEmpty().allMatch(l -> l.contains(request));
      assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct().toList()).as(logs.output())
          .containsSubsequence("cinder-api", "cinder-scheduler", "cinder-volume");
      List<String> times = lines.stream().filter(l -> l.contains(request))
          .map(l -> l.substring(l.indexOf(" | ") + 3).split(" (INFO|WARN|ERROR|DEBUG)")[0]).toList();
      assertThat(times).isSorted();
    });
  }
}
