package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.admin.AdminOptions;
import org.cinderemu.common.admin.AdminServer;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.chaos.ChaosInterceptor;
import org.cinderemu.common.chaos.RuleBook;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message rule action (docs/chaos.md "Message rules") on a cast, create_volume from the API to the scheduler,
 * and on a call, get_pools: set through the admin endpoint, seen on the firehose and in what the scheduler's
 * RPC server dispatched, counted in each rule's hits and in cinder_emulator_chaos_rule_hits.
 */
class ChaosRulesIT {

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;
  static AdminServer admin;
  static SchedulerVerticle scheduler;
  static final Dispatches dispatches = new Dispatches();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab().set("DEFAULT", "rpc_response_timeout", "4");
    firehose = new Firehose(lab.vertx, lab.broker);
    lab.api();
    scheduler = lab.scheduler();
    lab.volume("lvmdriver-1");
    scheduler.transport().addInterceptor(dispatches);
    // the groups are registered by the verticles, so the endpoint opens after them as ServiceRunner does it
    admin = AdminServer.start(lab.vertx, new AdminOptions("127.0.0.1", 0), HttpServerLimits.DEFAULTS,
        ProcessMetrics.current()).await(10, TimeUnit.SECONDS);
    cinder = new CinderHttp(lab.apiVerticle().actualPort());
    cinder.awaitSettled(cinder.createVolume(1, null), WAIT);
  }

  @AfterEach
  void clearRules() throws Exception {
    assertThat(admin("DELETE", "/chaos/rules", null).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    RuleBook.current().clear();
    if (firehose != null) {
      firehose.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.url() + path)).timeout(Duration.ofSeconds(10));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a rule through the admin endpoint; its id. */
  static String rule(String json) throws Exception {
    HttpResponse<String> r = admin("POST", "/chaos/rules", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject rule = new JsonObject(r.body()).getJsonObject("rule");
    assertThat(rule.getLong("hits")).isZero();
    return rule.getString("id");
  }

  static long hits(String id) throws Exception {
    HttpResponse<String> r = admin("GET", "/chaos/rules/" + id, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("rule").getLong("hits");
  }

  static void awaitHits(String id, long n) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(hits(id)).isEqualTo(n));
  }

  /** Hits of {@code action} over every service of the process. */
  static double counted(String action) {
    return ProcessMetrics.current().registry().find(ChaosInterceptor.HITS).tag("action", action).counters()
        .stream().mapToDouble(Counter::count).sum();
  }

  static final String CREATE_AT_SCHEDULER = "\"service\": \"cinder-scheduler\", \"direction\": \"consume\", "
      + "\"pattern\": \"cinder-scheduler*\", \"method\": \"create_volume\", \"count\": 1, ";
  static final String GET_POOLS_AT_SCHEDULER = "\"service\": \"cinder-scheduler\", \"direction\": \"consume\", "
      + "\"method\": \"get_pools\", \"count\": 1, ";
  static final String GET_POOLS_FROM_API = "\"service\": \"cinder-api\", \"direction\": \"publish\", "
      + "\"pattern\": \"cinder-scheduler\", \"method\": \"get_pools\", \"count\": 1, ";

  /** get_pools with a name filter (3.28) that marks the call's arguments. */
  static CinderHttp.Answer getPools(String mark) {
    return cinder.send("GET", "/scheduler-stats/get_pools?name=" + mark, null, "3.28");
  }

  static List<Traced> published(String method, String mark) {
    return firehose.matching(t -> t.body().containsKey("oslo.message") && method.equals(t.method())
        && t.inner().getJsonObject("args").encode().contains(mark));
  }

  static String status(String volumeId) {
    return cinder.volume(volumeId).getString("status");
  }

  // ---- the rules group itself ----

  @Test
  void aBadRuleIsRefusedInCindersShapeAndNothingIsAdded() throws Exception {
    HttpResponse<String> r = admin("POST", "/chaos/rules", "[{\"direction\": \"consume\", \"action\": \"drop\"},"
        + " {\"direction\": \"consume\", \"action\": \"vanish\"}]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonObject("badRequest").getString("message"))
        .contains("item 1").contains("vanish");
    assertThat(admin("POST", "/chaos/rules", "{not json").statusCode()).isEqualTo(400);
    assertThat(new JsonObject(admin("GET", "/chaos/rules", null).body()).getJsonArray("rules")).isEmpty();
    HttpResponse<String> missing = admin("GET", "/chaos/rules/" + UUID.randomUUID(), null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getJsonObject("itemNotFound").getInteger("code")).isEqualTo(404);
  }

  // ---- a cast: create_volume, API → scheduler, acted on as the scheduler consumes it ----

  @Test
  void aDroppedCastIsNeverHandled() throws Exception {
    String id = rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"drop\"}");
    double before = counted("drop");
    String lost = cinder.createVolume(1, null);
    awaitHits(id, 1);
    // the next create goes through, so the lost one had its chance
    cinder.awaitVolumeStatus(cinder.createVolume(1, null), "available", WAIT);
    assertThat(status(lost)).isEqualTo("creating");
    assertThat(dispatches.of("create_volume", lost)).isEmpty();
    assertThat(published("create_volume", lost)).as("only the API's cast").hasSize(1);
    assertThat(counted("drop")).isEqualTo(before + 1);
    assertThat(hits(id)).as("count 1").isEqualTo(1);
  }

  @Test
  void aDelayedCastIsHandledLater() throws Exception {
    String id = rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"delay\", \"delay_ms\": 1500}");
    long sent = System.nanoTime();
    String slow = cinder.createVolume(1, null);
    cinder.awaitVolumeStatus(slow, "available", WAIT);
    assertThat(dispatches.of("create_volume", slow)).hasSize(1);
    assertThat(dispatches.of("create_volume", slow).get(0).atNanos() - sent)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aDuplicatedCastIsHandledTwiceWithANewIdAndFilteredWithout() throws Exception {
    // one copy only: the second create on the backend finds the volume's data and reschedules, a third dispatch
    rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"duplicate\", \"new_id\": true, \"count\": 1}");
    String twice = cinder.createVolume(1, null);
    await().atMost(WAIT).until(() -> dispatches.of("create_volume", twice).size() >= 2);
    List<Traced> casts = published("create_volume", twice).stream()
        .filter(t -> t.routingKey().startsWith("cinder-scheduler")).limit(2).toList();
    assertThat(casts).extracting(Traced::exchange).containsExactly("openstack", "");
    assertThat(casts.get(0).inner().getString("_unique_id")).isNotEqualTo(casts.get(1).inner().getString("_unique_id"));

    clearRules();
    String id = rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"duplicate\"}");
    long filtered = scheduler.transport().stats().duplicates.get();
    String once = cinder.createVolume(1, null);
    await().atMost(WAIT).until(() -> scheduler.transport().stats().duplicates.get() == filtered + 1);
    assertThat(dispatches.of("create_volume", once)).as("oslo's duplicate filter caught the copy").hasSize(1);
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aFailedCastFailsItsHandler() throws Exception {
    String id = rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"fail\"}");
    String failed = cinder.createVolume(1, null);
    await().atMost(WAIT).until(() -> dispatches.failedArgs.stream().anyMatch(a -> a.contains(failed)));
    assertThat(dispatches.failures).anyMatch(f -> f.toString().contains(ChaosInterceptor.INJECTED));
    assertThat(ProcessMetrics.current().registry().find("oslo_messaging_rpc_server_exception")
        .tag("exception", ChaosInterceptor.INJECTED).counter()).isNotNull();
    assertThat(status(failed)).as("as a scheduler whose handler raised leaves it").isEqualTo("creating");
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aCastFailedAtPublishFailsAtTheCaller() throws Exception {
    String id = rule("{\"service\": \"cinder-api\", \"direction\": \"publish\", \"method\": \"create_volume\", "
        + "\"count\": 1, \"action\": \"fail\"}");
    String name = "refused-" + UUID.randomUUID();
    CinderHttp.Answer a = cinder.send("POST", "/volumes", new JsonObject().put("volume",
        new JsonObject().put("size", 1).put("name", name)));
    assertThat(a.status()).as(a.body().encode()).isEqualTo(500);
    assertThat(cinder.find("volumes", name).getString("status")).as("Cinder's VolumeCastTask revert")
        .isEqualTo("error");
    assertThat(published("create_volume", name)).isEmpty();
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aReorderedCastIsHandledAfterTheNextOne() throws Exception {
    String id = rule("{" + CREATE_AT_SCHEDULER + "\"action\": \"reorder\", \"delay_ms\": 15000}");
    String first = cinder.createVolume(1, null);
    awaitHits(id, 1);
    String second = cinder.createVolume(1, null);
    await().atMost(WAIT).until(() -> dispatches.of("create_volume", first).size() == 1);
    assertThat(dispatches.started.indexOf(dispatches.of("create_volume", second).get(0)))
        .isLessThan(dispatches.started.indexOf(dispatches.of("create_volume", first).get(0)));
    assertThat(hits(id)).as("the message that passed is no hit").isEqualTo(1);
  }

  // ---- a call: get_pools, API → scheduler and its reply ----

  @Test
  void aDroppedCallTimesOut() throws Exception {
    String id = rule("{" + GET_POOLS_AT_SCHEDULER + "\"action\": \"drop\"}");
    String mark = "drop-" + UUID.randomUUID();
    CinderHttp.Answer a = getPools(mark);
    assertThat(a.status()).as(a.body().encode()).isEqualTo(500);
    assertThat(a.body().encode()).contains("Timed out");
    assertThat(dispatches.of("get_pools", mark)).isEmpty();
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aDelayedCallAnswersLater() throws Exception {
    String id = rule("{" + GET_POOLS_FROM_API + "\"action\": \"delay\", \"delay_ms\": 1000}");
    long sent = System.nanoTime();
    String mark = "delay-" + UUID.randomUUID();
    assertThat(getPools(mark).status()).isEqualTo(200);
    assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    assertThat(dispatches.of("get_pools", mark)).hasSize(1);
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aDuplicatedCallIsHandledAndAnsweredTwice() throws Exception {
    String id = rule("{" + GET_POOLS_FROM_API + "\"action\": \"duplicate\", \"new_id\": true}");
    String mark = "dup-" + UUID.randomUUID();
    assertThat(getPools(mark).status()).isEqualTo(200);
    await().atMost(WAIT).until(() -> dispatches.of("get_pools", mark).size() == 2);
    List<Traced> calls = published("get_pools", mark);
    assertThat(calls).hasSize(2);
    String msgId = calls.get(0).inner().getString("_msg_id");
    assertThat(calls.get(1).inner().getString("_msg_id")).isEqualTo(msgId);
    await().atMost(WAIT).until(() -> firehose.matching(t -> t.routingKey().startsWith("reply_")
        && msgId.equals(t.inner().getString("_msg_id"))).size() == 2);
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aFailedCallGetsARemoteErrorReply() throws Exception {
    String id = rule("{" + GET_POOLS_AT_SCHEDULER + "\"action\": \"fail\"}");
    double before = counted("fail");
    String mark = "fail-" + UUID.randomUUID();
    CinderHttp.Answer a = getPools(mark);
    assertThat(a.status()).as(a.body().encode()).isEqualTo(500);
    String msgId = published("get_pools", mark).get(0).inner().getString("_msg_id");
    await().atMost(WAIT).until(() -> !firehose.matching(t -> t.routingKey().startsWith("reply_")
        && msgId.equals(t.inner().getString("_msg_id"))).isEmpty());
    Traced reply = firehose.matching(t -> t.routingKey().startsWith("reply_")
        && msgId.equals(t.inner().getString("_msg_id"))).get(0);
    assertThat(new JsonObject(reply.inner().getString("failure")).getString("class"))
        .isEqualTo(ChaosInterceptor.INJECTED);
    assertThat(dispatches.failedArgs).anyMatch(args -> args.contains(mark));
    assertThat(counted("fail")).isEqualTo(before + 1);
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aReplyFailedAtPublishReachesTheCallerAsARemoteError() throws Exception {
    String id = rule("{\"service\": \"cinder-scheduler\", \"direction\": \"publish\", \"pattern\": \"reply_*\", "
        + "\"count\": 1, \"action\": \"fail\"}");
    String mark = "reply-" + UUID.randomUUID();
    CinderHttp.Answer a = getPools(mark);
    assertThat(a.status()).as(a.body().encode()).isEqualTo(500);
    assertThat(dispatches.of("get_pools", mark)).as("the handler ran; its answer was replaced").hasSize(1);
    assertThat(dispatches.failedArgs).noneMatch(args -> args.contains(mark));
    String msgId = published("get_pools", mark).get(0).inner().getString("_msg_id");
    Traced reply = firehose.matching(t -> t.routingKey().startsWith("reply_")
        && msgId.equals(t.inner().getString("_msg_id"))).get(0);
    assertThat(reply.inner().getString("failure")).contains(ChaosInterceptor.INJECTED);
    assertThat(hits(id)).isEqualTo(1);
  }

  @Test
  void aReorderedCallIsSentAfterTheNextOne() throws Exception {
    String id = rule("{" + GET_POOLS_FROM_API + "\"action\": \"reorder\", \"delay_ms\": 15000}");
    String first = "first-" + UUID.randomUUID();
    String second = "second-" + UUID.randomUUID();
    CompletableFuture<CinderHttp.Answer> held = CompletableFuture.supplyAsync(() -> getPools(first));
    awaitHits(id, 1);
    assertThat(published("get_pools", first)).as("held").isEmpty();
    assertThat(getPools(second).status()).isEqualTo(200);
    assertThat(held.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
    List<Traced> order = firehose.matching(t -> t.body().containsKey("oslo.message")
        && "get_pools".equals(t.method()) && (t.inner().encode().contains(first)
        || t.inner().encode().contains(second)));
    assertThat(order).hasSize(2);
    assertThat(order.get(0).inner().encode()).contains(second);
    assertThat(hits(id)).isEqualTo(1);
  }
}
