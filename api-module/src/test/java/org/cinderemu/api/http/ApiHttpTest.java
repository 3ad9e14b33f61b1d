package org.cinderemu.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.api.ApiVerticle;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.logging.LogContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP layer end to end: a real server on an ephemeral port, driven by a WebClient. */
class ApiHttpTest {

  private static final String PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final String TOKEN = "alice:" + PROJECT;

  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  /** Test-only resource that shows what handlers receive. */
  static final ResourceRoutes PROBE = routes -> routes
      .get("/probe", req -> Future.succeededFuture(ApiResponse.ok(new JsonObject()
          .put("user_id", req.context().userId())
          .put("project_id", req.context().projectId())
          .put("is_admin", req.context().isAdmin())
          .put("roles", req.context().roles())
          .put("request_id", req.context().requestId())
          .put("log_context", LogContexts.current().format())
          .put("microversion", req.microversion().toString())
          .put("application_url", req.applicationUrl()))))
      .post("/probe", req -> {
        JsonObject body = req.validBody(Schema.object()
            .requiredProperty("probe", Schema.object()
                .requiredProperty("size", ParameterTypes.positiveInteger())
                .property("name", ParameterTypes.name())
                .closed())
            .closed());
        return Future.succeededFuture(ApiResponse.accepted(body));
      })
      .get("/probe/boom", req -> {
        throw new IllegalStateException("secret internal detail");
      })
      .get("/probe/async-boom", req -> Future.failedFuture(new RuntimeException("secret async detail")))
      .get("/probe/quota", req -> Future.failedFuture(ApiException.overLimit("Quota exceeded", 30)))
      .get("/probe/unsupported", req -> Future.failedFuture(ApiException.notImplemented("Not in the emulator.")))
      .get("/probe/:id", req -> Future.failedFuture(
          ApiException.notFound("Probe " + req.pathParam("id") + " could not be found.")));

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    CinderConf conf = CinderConf.empty()
        .with("DEFAULT", "osapi_volume_listen_port", "0")
        .with("oslo_middleware", "max_request_body_size", "1024");
    ApiVerticle verticle = new ApiVerticle(conf, List.of(PROBE));
    await(vertx.deployVerticle(verticle));
    port = verticle.actualPort();
    assertThat(port).isPositive().isNotEqualTo(8776);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return client.request(method, port, "127.0.0.1", uri);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> req) throws Exception {
    return await(req.send());
  }

  private static HttpResponse<Buffer> get(String uri, String... headers) throws Exception {
    HttpRequest<Buffer> req = request(HttpMethod.GET, uri);
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return send(req);
  }

  private static HttpResponse<Buffer> authed(String uri, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "X-Auth-Token";
    all[1] = TOKEN;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return get(uri, all);
  }

  private static void assertRequestId(HttpResponse<Buffer> resp) {
    assertThat(resp.getHeader("x-openstack-request-id"))
        .matches("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).isEqualTo(status);
    assertThat(resp.getHeader("Content-Type")).startsWith("application/json");
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put(name, new JsonObject().put("code", status).put("message", message)));
    assertRequestId(resp);
    assertThat(resp.getHeader("x-compute-request-id")).isEqualTo(resp.getHeader("x-openstack-request-id"));
  }

  private static JsonObject expectedVersions() {
    return new JsonObject("""
        {"versions": [{"id": "v3.0", "status": "CURRENT", "version": "3.70", "min_version": "3.0",
          "updated": "2022-08-31T00:00:00Z",
          "links": [{"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
                    {"rel": "self", "href": "http://127.0.0.1:%d/v3/"}],
          "media-types": [{"base": "application/json",
                           "type": "application/vnd.openstack.volume+json;version=3"}]}]}
        """.formatted(port));
  }

  @Test
  void rootAnswers300WithTheVersionsDocumentWithoutAuth() throws Exception {
    HttpResponse<Buffer> resp = get("/");
    assertThat(resp.statusCode()).isEqualTo(300);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(resp.bodyAsJsonObject()).isEqualTo(expectedVersions());
    assertThat(resp.getHeader("OpenStack-API-Version")).isEqualTo("volume 3.0");
    assertThat(resp.getHeader("Vary")).isEqualTo("OpenStack-API-Version");
    assertRequestId(resp);
  }

  @Test
  void v3AnswersTheSameDocumentWith200() throws Exception {
    for (String uri : List.of("/v3/", "/v3")) {
      HttpResponse<Buffer> resp = authed(uri);
      assertThat(resp.statusCode()).as(uri).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject()).as(uri).isEqualTo(expectedVersions());
      assertRequestId(resp);
    }
  }

  @Test
  void linksFollowTheHostHeaderOnlyForLoopbackNames() throws Exception {
    assertThat(selfLink(get("/", "Host", "localhost:8776"))).isEqualTo("http://localhost:8776/v3/");
    assertThat(selfLink(get("/", "Host", "[::1]:9000"))).isEqualTo("http://[::1]:9000/v3/");
    // any other name is the caller's word only: links fall back to the listen address and port
    String fallback = "http://127.0.0.1:" + port;
    assertThat(selfLink(get("/", "Host", "cinder.example.com:8776"))).isEqualTo(fallback + "/v3/");
    assertThat(selfLink(get("/", "Host", "evil.example"))).isEqualTo(fallback + "/v3/");
    assertThat(authed("/v3/probe", "Host", "evil.example", "X-Forwarded-Host", "evil.example:80")
        .bodyAsJsonObject().getString("application_url")).isEqualTo(fallback + "/v3");
    assertThat(authed("/v3/probe", "X-Forwarded-Host", "localhost:1234").bodyAsJsonObject()
        .getString("application_url")).isEqualTo("http://localhost:1234/v3");
    HttpResponse<Buffer> handshake = get("/v3", "Host", "evil.example:8776");
    assertThat(handshake.getHeader("X-Server-Management-Url")).isEqualTo(fallback + "/v3/admin");
  }

  private static String selfLink(HttpResponse<Buffer> versions) {
    return versions.bodyAsJsonObject().getJsonArray("versions").getJsonObject(0).getJsonArray("links")
        .getJsonObject(1).getString("href");
  }

  @Test
  void deliberate501IsAnsweredAndLoggedBelowError() throws Exception {
    ch.qos.logback.classic.Logger faults =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FaultHandler.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    ch.qos.logback.classic.Level level = faults.getLevel();
    seen.start();
    faults.addAppender(seen);
    faults.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      assertFault(authed("/v3/probe/unsupported"), 501, "notImplemented", "Not in the emulator.");
      authed("/v3/probe/boom");
    } finally {
      faults.detachAppender(seen);
      faults.setLevel(level);
    }
    assertThat(seen.list).filteredOn(e -> e.getFormattedMessage().contains("unsupported"))
        .isNotEmpty().allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
    // the unexpected stays an ERROR with its stack trace
    assertThat(seen.list).filteredOn(e -> e.getFormattedMessage().contains("boom"))
        .anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR && e.getThrowableProxy() != null);
  }

  @Test
  void noauthHandshakeWithoutToken() throws Exception {
    HttpResponse<Buffer> resp = get("/v3");
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(resp.getHeader("X-Auth-Token")).isEqualTo("admin:admin");
    assertThat(resp.getHeader("X-Server-Management-Url")).isEqualTo("http://127.0.0.1:" + port + "/v3/admin");
    assertThat(resp.body() == null || resp.body().length() == 0).isTrue();
    assertRequestId(resp);
    assertThat(resp.getHeader("OpenStack-API-Version")).isNull();

    HttpResponse<Buffer> named = get("/v3/", "X-Auth-User", "bob", "X-Auth-Project-Id", PROJECT);
    assertThat(named.statusCode()).isEqualTo(204);
    assertThat(named.getHeader("X-Auth-Token")).isEqualTo("bob:" + PROJECT);
    assertThat(named.getHeader("X-Server-Management-Url"))
        .isEqualTo("http://127.0.0.1:" + port + "/v3/" + PROJECT);
  }

  @Test
  void tokenBecomesAnAdminContextOnBothUrlForms() throws Exception {
    for (String uri : List.of("/v3/" + PROJECT + "/probe", "/v3/probe")) {
      HttpResponse<Buffer> resp = authed(uri, "OpenStack-API-Version", "volume 3.45");
      assertThat(resp.statusCode()).as(uri).isEqualTo(200);
      JsonObject ctx = resp.bodyAsJsonObject();
      assertThat(ctx.getString("user_id")).isEqualTo("alice");
      assertThat(ctx.getString("project_id")).isEqualTo(PROJECT);
      assertThat(ctx.getBoolean("is_admin")).isTrue();
      assertThat(ctx.getJsonArray("roles").getList()).containsExactly("admin");
      assertThat(ctx.getString("microversion")).isEqualTo("3.45");
      assertThat(ctx.getString("application_url")).isEqualTo("http://127.0.0.1:" + port + "/v3");
      // the id handlers see is the one the client gets, and logging carries it
      assertThat(ctx.getString("request_id")).isEqualTo(resp.getHeader("x-openstack-request-id"));
      assertThat(ctx.getString("log_context")).isEqualTo(resp.getHeader("x-openstack-request-id") + " alice " + PROJECT);
      assertThat(resp.getHeader("OpenStack-API-Version")).isEqualTo("volume 3.45");
      assertThat(resp.getHeader("Vary")).isEqualTo("OpenStack-API-Version");
    }
  }

  @Test
  void tokenWithoutProjectUsesTheUserAsProject() throws Exception {
    HttpResponse<Buffer> resp = get("/v3/abc123/probe", "X-Auth-Token", "abc123");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getString("project_id")).isEqualTo("abc123");
  }

  @Test
  void everyRequestGetsItsOwnRequestId() throws Exception {
    String first = authed("/v3/probe").getHeader("x-openstack-request-id");
    String second = authed("/v3/probe").getHeader("x-openstack-request-id");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void microversionLatestAndMissing() throws Exception {
    assertThat(authed("/v3/probe", "OpenStack-API-Version", "volume latest").bodyAsJsonObject()
        .getString("microversion")).isEqualTo("3.70");
    assertThat(authed("/v3/probe").bodyAsJsonObject().getString("microversion")).isEqualTo("3.0");
    assertThat(authed("/v3/probe", "OpenStack-API-Version", "compute 2.90").bodyAsJsonObject()
        .getString("microversion")).isEqualTo("3.0");
  }

  @Test
  void microversionOutOfRangeIs406() throws Exception {
    assertFault(authed("/v3/probe", "OpenStack-API-Version", "volume 3.71"), 406, "computeFault",
        "Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.");
    assertFault(get("/", "OpenStack-API-Version", "volume 2.0"), 406, "computeFault",
        "Version 2.0 is not supported by the API. Minimum is 3.0 and maximum is 3.70.");
  }

  @Test
  void malformedMicroversionIs400() throws Exception {
    assertFault(authed("/v3/probe", "OpenStack-API-Version", "volume 3.x"), 400, "badRequest",
        "API Version String 3.x is of invalid format. Must be of format MajorNum.MinorNum.");
  }

  @Test
  void unknownRouteIs404ItemNotFound() throws Exception {
    assertFault(authed("/v3/" + PROJECT + "/no-such-thing"), 404, "itemNotFound",
        "The resource could not be found.");
    assertFault(get("/nowhere"), 404, "itemNotFound", "The resource could not be found.");
  }

  @Test
  void handlerNotFoundCarriesItsMessage() throws Exception {
    assertFault(authed("/v3/" + PROJECT + "/probe/42"), 404, "itemNotFound", "Probe 42 could not be found.");
  }

  @Test
  void malformedOrForeignProjectIdIs400() throws Exception {
    assertFault(authed("/v3/admin/probe"), 400, "badRequest", "Malformed request url");
    assertFault(authed("/v3/aaaabbbb/probe"), 400, "badRequest", "Malformed request url");
    // a non-hex project in the token cannot be used in URLs, as in Cinder
    assertFault(get("/v3/admin/probe", "X-Auth-Token", "admin:admin"), 400, "badRequest",
        "Malformed request url");
  }

  @Test
  void wrongMethodIs405BadMethod() throws Exception {
    HttpRequest<Buffer> req = request(HttpMethod.DELETE, "/v3/" + PROJECT + "/probe").putHeader("X-Auth-Token",
        TOKEN);
    assertFault(send(req), 405, "badMethod", "The method DELETE is not allowed for this resource.");
  }

  @Test
  void unexpectedExceptionsAre500WithoutDetails() throws Exception {
    for (String uri : List.of("/v3/probe/boom", "/v3/probe/async-boom")) {
      HttpResponse<Buffer> resp = authed(uri);
      assertFault(resp, 500, "computeFault",
          "The server has either erred or is incapable of performing the requested operation.");
      assertThat(resp.bodyAsString()).doesNotContain("secret").doesNotContain("Exception");
    }
  }

  @Test
  void overLimitCarriesRetryAfter() throws Exception {
    HttpResponse<Buffer> resp = authed("/v3/probe/quota");
    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("overLimit",
        new JsonObject().put("code", 413).put("message", "Quota exceeded").put("retryAfter", "30")));
    assertThat(resp.getHeader("Retry-After")).isEqualTo("30");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    HttpRequest<Buffer> req = request(HttpMethod.POST, "/v3/probe").putHeader("X-Auth-Token", TOKEN)
        .putHeader("Content-Type", "application/json");
    HttpResponse<Buffer> resp = await(req.sendBuffer(Buffer.buffer("{\"probe\": \"" + "x".repeat(2000) + "\"}")));
    assertFault(resp, 413, "overLimit", "Request is too large. Larger than max_request_body_size (1024).");
  }

  private static HttpResponse<Buffer> post(String uri, String contentType, String body) throws Exception {
    HttpRequest<Buffer> req = request(HttpMethod.POST, uri).putHeader("X-Auth-Token", TOKEN);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    return await(req.sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void validBodyIsHandedToTheHandler() throws Exception {
    HttpResponse<Buffer> resp = post("/v3/" + PROJECT + "/probe", "application/json",
        "{\"probe\": {\"size\": 1, \"name\": \"n\"}}");
    assertThat(resp.statusCode()).isEqualTo(202);
    assertThat(resp.bodyAsJsonObject().getJsonObject("probe").getInteger("size")).isEqualTo(1);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertFault(post("/v3/probe", "application/json", "{\"probe\": "), 400, "badRequest",
        "Malformed request body");
  }

  @Test
  void nonJsonContentTypeIs400() throws Exception {
    assertFault(post("/v3/probe", "text/plain", "hello"), 400, "badRequest", "Unsupported Content-Type");
  }

  @Test
  void schemaErrorsUseCinderMessages() throws Exception {
    assertFault(post("/v3/probe", "application/json", "{\"probe\": {\"size\": \"abc\"}}"), 400, "badRequest",
        "Invalid input for field/attribute size. Value: abc. 'abc' is not of type 'integer'");
    assertFault(post("/v3/probe", "application/json", "{\"probe\": {\"size\": 1}, \"extra\": 1}"), 400,
        "badRequest", "Additional properties are not allowed ('extra' was unexpected)");
    assertFault(post("/v3/probe", "application/json", "{\"probe\": {}}"), 400, "badRequest",
        "Invalid input for field/attribute probe. Value: {}. 'size' is a required property");
    assertFault(post("/v3/probe", null, ""), 400, "badRequest", "None is not of type 'object'");
  }

  @Test
  void healthcheck() throws Exception {
    HttpResponse<Buffer> resp = get("/healthcheck");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsString()).isEqualTo("OK");
    assertThat(resp.getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertRequestId(resp);
  }

  @Test
  void healthcheckHeadIsNoContent() throws Exception {
    // oslo.middleware: HEAD answers 204 when healthy
    HttpResponse<Buffer> resp = send(request(HttpMethod.HEAD, "/healthcheck"));
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
  }
}
