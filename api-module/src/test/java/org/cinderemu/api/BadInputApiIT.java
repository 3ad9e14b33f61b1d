package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.api.ApiStack.join;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cinderemu.api.http.FaultHandler;
import org.cinderemu.common.db.Dialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * One row per malformed request the lab was sent (issue 8, point 3, and the API's security points): each gets
 * Cinder's fault (status and message), changes no row of any table and logs nothing at ERROR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiIT {

  /** Tables whose row counts and newest {@code updated_at} must not move. */
  private static final List<String> TABLES = List.of("volumes", "volume_metadata", "volume_admin_metadata",
      "backups", "backup_metadata", "quotas", "quota_usages", "workers");
  private static final String DEFAULT_HOST = "<default>";
  private static final String MV = "OpenStack-API-Version";

  /**
   * @param host the Host header: {@link #DEFAULT_HOST} for 127.0.0.1:port, null for none
   * @param path with {@code {p}} for the project and {@code {vol}} for an available volume
   * @param rawBody sent as is (with Transfer-Encoding: chunked the caller frames it); null for no body
   */
  record Bad(String name, String method, String path, String microversion, String host, List<String> headers,
      String rawBody, int status, String fragment) {

    @Override
    public String toString() {
      return name;
    }
  }

  private static Bad bad(String name, String method, String path, String mv, Object body, int status,
      String fragment) {
    String raw = body == null ? null : body instanceof String s ? s : io.vertx.core.json.Json.encode(body);
    return new Bad(name, method, path, mv, DEFAULT_HOST, List.of(), raw, status, fragment);
  }

  private static Bad withHost(String name, String host, int status, String fragment) {
    return new Bad(name, "GET", "/v3/{p}/volumes", "3.0", host, List.of(), null, status, fragment);
  }

  private static JsonObject volume(Object... kv) {
    JsonObject v = new JsonObject();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      v.put((String) kv[i], kv[i + 1]);
    }
    return new JsonObject().put("volume", v);
  }

  private static JsonObject manyKeys(int n) {
    JsonObject m = new JsonObject();
    for (int i = 0; i < n; i++) {
      m.put("k" + i, "v");
    }
    return m;
  }

  static Stream<Bad> rows() {
    String tooMany = "id,name,status,size,availability_zone,created_at,updated_at,host,volume_type_id,user_id,"
        + "bootable";
    return Stream.of(
        bad("path with a bad percent-encoding", "GET", "/v3/{p}/volumes/%zz", "3.0", null, 400,
            "Malformed request url"),
        bad("query with a bad percent-encoding", "GET", "/v3/{p}/volumes?name=%zz", "3.0", null, 400,
            "Malformed request url"),
        bad("created_at with a bad time", "GET", "/v3/{p}/volumes?created_at=gt:yesterday", "3.60", null, 400,
            "Invalid yesterday value"),
        bad("created_at with an unknown operator", "GET", "/v3/{p}/volumes?created_at=after:2020-01-01T00:00:00",
            "3.60", null, 400, "Invalid after operator"),
        bad("updated_at without an operator", "GET", "/v3/{p}/volumes/detail?updated_at=2020-01-01", "3.60",
            null, 400, "Invalid 2020-01-01 operator"),
        withHost("HTTP/1.1 without Host", null, 400, "Host"),
        withHost("Host with a space", "bad host", 400, "Malformed Host header"),
        withHost("Host with an open bracket", "[::1", 400, "Malformed Host header"),
        withHost("Host with a port out of range", "127.0.0.1:99999", 400, "Malformed Host header"),
        new Bad("malformed chunked body", "POST", "/v3/{p}/volumes", "3.0", DEFAULT_HOST,
            List.of("Transfer-Encoding: chunked"), "zz\r\n{}\r\n0\r\n\r\n", 400, ""),
        bad("quota set of a path-traversal project", "PUT", "/v3/{p}/os-quota-sets/..%2F..%2Fetc", "3.0",
            new JsonObject().put("quota_set", new JsonObject().put("volumes", 5)), 400, "is not a valid project id"),
        bad("quota show of a path-traversal project", "GET", "/v3/{p}/os-quota-sets/..%2F..%2Fetc?usage=True",
            "3.0", null, 400, "is not a valid project id"),
        bad("create with an unknown field from 3.53", "POST", "/v3/{p}/volumes", "3.53",
            volume("size", 1, "colour", "red"), 400, "Additional properties are not allowed ('colour' was unexpected)"),
        bad("create with multiattach maybe", "POST", "/v3/{p}/volumes", "3.0", volume("size", 1, "multiattach",
            "maybe"), 400, "Invalid input for field/attribute multiattach. Value: maybe. 'maybe' is not valid under "
            + "any of the given schemas"),
        bad("update with an empty volume from 3.53", "PUT", "/v3/{p}/volumes/{vol}", "3.53", volume(), 400,
            "Invalid input for field/attribute volume. Value: {}. {} is not valid under any of the given schemas"),
        bad("update of the size", "PUT", "/v3/{p}/volumes/{vol}", "3.0", volume("size", 5), 400,
            "Additional properties are not allowed ('size' was unexpected)"),
        bad("update of the status", "PUT", "/v3/{p}/volumes/{vol}", "3.0", volume("status", "available"), 400,
            "Additional properties are not allowed ('status' was unexpected)"),
        bad("backup zone before 3.51", "POST", "/v3/{p}/backups", "3.50", new JsonObject().put("backup",
            new JsonObject().put("volume_id", "{vol}").put("availability_zone", "nowhere")), 400,
            "Additional properties are not allowed ('availability_zone' was unexpected)"),
        bad("duplicate sort key", "GET", "/v3/{p}/volumes?sort=name:asc,name:desc", "3.0", null, 400,
            "Invalid input received: Sort key name is given more than once."),
        bad("sort key given under both its names", "GET", "/v3/{p}/volumes?sort=name,display_name", "3.0", null,
            400, "Invalid input received: Sort key display_name is given more than once."),
        bad("too many sort keys", "GET", "/v3/{p}/volumes/detail?sort=" + tooMany, "3.0", null, 400,
            "Invalid input received: At most 10 sort keys are accepted, 11 were given."),
        bad("duplicate backup sort key", "GET", "/v3/{p}/backups?sort=id,id", "3.0", null, 400,
            "Invalid input received: Sort key id is given more than once."),
        bad("metadata replaced by too many items", "PUT", "/v3/{p}/volumes/{vol}/metadata", "3.0",
            new JsonObject().put("metadata", manyKeys(129)), 413,
            "Invalid metadata size: A volume may have at most 128 metadata items."),
        bad("metadata merged past the limit", "POST", "/v3/{p}/volumes/{vol}/metadata", "3.0",
            new JsonObject().put("metadata", manyKeys(128)), 413,
            "Invalid metadata size: A volume may have at most 128 metadata items."),
        bad("volume updated with too many metadata items", "PUT", "/v3/{p}/volumes/{vol}", "3.0",
            volume("metadata", manyKeys(129)), 413, "Invalid metadata size: A volume may have at most 128"),
        bad("volume created with too many metadata items", "POST", "/v3/{p}/volumes", "3.0",
            volume("size", 1, "metadata", manyKeys(129)), 400, "Invalid metadata size: A volume may have at most"),
        bad("deliberate 501", "POST", "/v3/{p}/volumes", "3.0",
            volume("size", 1, "snapshot_id", "0b5f3b6a-3f0e-4cf4-9a43-3a3a6e1e7c11"), 501, "not supported"));
  }

  private ApiStack stack;
  private String volumeId;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level faultLevel;

  @BeforeAll
  void start() throws Exception {
    stack = ApiStack.start(Dialect.H2);
    stack.volumeService(ApiStack.BACKEND, "nova");
    HttpResponse<Buffer> created = stack.post("/volumes", volume("size", 1, "name", "target",
        "metadata", new JsonObject().put("first", "1")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(202);
    volumeId = created.bodyAsJsonObject().getJsonObject("volume").getString("id");
    join(stack.db().volumes().update(volumeId, Map.of("host", ApiStack.POOL_HOST, "status", "available")));
    // the test logback config silences FaultHandler; here its levels are the point
    Logger faults = (Logger) LoggerFactory.getLogger(FaultHandler.class);
    faultLevel = faults.getLevel();
    faults.setLevel(Level.INFO);
    logged.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
  }

  @AfterAll
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    ((Logger) LoggerFactory.getLogger(FaultHandler.class)).setLevel(faultLevel);
    if (stack != null) {
      stack.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void isRefusedWithCindersFaultAndChangesNothing(Bad row) throws Exception {
    Map<String, String> before = tableState();
    logged.list.clear();

    RawHttp.Answer answer = RawHttp.send(stack.vertx, stack.port(), head(row), body(row));

    assertThat(answer.status()).as(answer.headers() + "\n" + answer.body()).isEqualTo(row.status());
    JsonObject fault = answer.json();
    String name = fault.fieldNames().iterator().next();
    assertThat(fault.getJsonObject(name).getInteger("code")).isEqualTo(row.status());
    assertThat(fault.getJsonObject(name).getString("message")).contains(row.fragment());
    assertThat(tableState()).isEqualTo(before);
    assertThat(logged.list).as("ERROR lines").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
  }

  /** What Cinder's own schemas let through is let through here too. */
  @Test
  void whatCindersSchemasAcceptIsAccepted() throws Exception {
    HttpResponse<Buffer> unknownField = stack.request(HttpMethod.POST, "/volumes", volume("size", 1,
        "colour", "red"), MV, "volume 3.52");
    assertThat(unknownField.statusCode()).as(unknownField.bodyAsString()).isEqualTo(202);
    HttpResponse<Buffer> falseMultiattach = stack.post("/volumes", volume("size", 1, "multiattach", "false"));
    assertThat(falseMultiattach.statusCode()).as(falseMultiattach.bodyAsString()).isEqualTo(202);
    HttpResponse<Buffer> emptyUpdate = stack.request(HttpMethod.PUT, "/volumes/" + volumeId, volume(), MV,
        "volume 3.52");
    assertThat(emptyUpdate.statusCode()).as(emptyUpdate.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> named = stack.request(HttpMethod.PUT, "/volumes/" + volumeId, volume("name", "renamed"),
        MV, "volume 3.53");
    assertThat(named.statusCode()).as(named.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> timeFilter = stack.get("/volumes?created_at=gt:2020-01-01T00:00:00", MV, "volume 3.60");
    assertThat(timeFilter.statusCode()).as(timeFilter.bodyAsString()).isEqualTo(200);
    assertThat(timeFilter.bodyAsJsonObject().getJsonArray("volumes").size()).isPositive();
  }

  private String head(Bad row) {
    List<String> lines = new ArrayList<>();
    lines.add(row.method() + " " + row.path().replace("{p}", ApiStack.PROJECT).replace("{vol}", volumeId)
        + " HTTP/1.1");
    if (DEFAULT_HOST.equals(row.host())) {
      lines.add("Host: 127.0.0.1:" + stack.port());
    } else if (row.host() != null) {
      lines.add("Host: " + row.host());
    }
    lines.add("X-Auth-Token: " + ApiStack.USER + ":" + ApiStack.PROJECT);
    lines.add("OpenStack-API-Version: volume " + row.microversion());
    lines.add("Connection: close");
    lines.addAll(row.headers());
    if (row.rawBody() != null) {
      lines.add("Content-Type: application/json");
      if (row.headers().stream().noneMatch(h -> h.startsWith("Transfer-Encoding"))) {
        lines.add("Content-Length: " + body(row).getBytes(StandardCharsets.UTF_8).length);
      }
    }
    return String.join("\r\n", lines);
  }

  private String body(Bad row) {
    return row.rawBody() == null ? null : row.rawBody().replace("{vol}", volumeId);
  }

  /** Per table: row count and newest updated_at / deleted_at, so an UPDATE shows as well as an INSERT. */
  private Map<String, String> tableState() throws Exception {
    Map<String, String> state = new LinkedHashMap<>();
    for (String table : TABLES) {
      Row r = join(stack.db().pool().query("SELECT COUNT(*) AS n, MAX(updated_at) AS u, MAX(deleted_at) AS d FROM "
          + table).execute()).iterator().next();
      state.put(table, r.getValue(0) + " " + r.getValue(1) + " " + r.getValue(2));
    }
    return state;
  }
}
