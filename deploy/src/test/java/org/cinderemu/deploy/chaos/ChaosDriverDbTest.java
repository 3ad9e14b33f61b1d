package org.cinderemu.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos driver …} and {@code chaos db …}: the requests they make to a child's admin endpoint. */
class ChaosDriverDbTest {

  @TempDir
  Path dir;

  private FakeStack stack;
  private HttpServer admin;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void stack() throws Exception {
    admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    admin.createContext("/chaos/", x -> {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + (body.isEmpty() ? "" : " " + body));
      byte[] answer = (status == 200 ? "{\"ok\":true}"
          : "{\"badRequest\":{\"code\":400,\"message\":\"error_rate must be a number from 0 to 1\"}}")
          .getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(status, answer.length);
      x.getResponseBody().write(answer);
      x.close();
    });
    admin.start();
    stack = new FakeStack(dir);
    stack.child("cinder-volume@node1", "http://127.0.0.1:" + admin.getAddress().getPort());
  }

  @AfterEach
  void close() {
    stack.close();
    admin.stop(0);
  }

  private int chaos(String... args) {
    ChaosCli run = ChaosCli.run(dir, args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void driverSetPutsOnlyTheGivenFieldsForOneBackendOrAll() {
    assertThat(chaos("driver", "set", "cinder-volume@node1", "--backend", "node1@lvm", "--error-rate", "0.5",
        "--latency-ms", "200", "--jitter-ms", "50", "--operations", "create_volume,delete_volume"))
        .as(err.toString()).isZero();
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r).startsWith("PUT /chaos/driver/node1@lvm ");
      assertThat(new JsonObject(r.substring(r.indexOf('{')))).isEqualTo(new JsonObject()
          .put("error_rate", 0.5).put("latency_ms", 200).put("jitter_ms", 50)
          .put("operations", new io.vertx.core.json.JsonArray().add("create_volume").add("delete_volume")));
    });
    assertThat(out.toString()).startsWith("cinder-volume@node1: {\"ok\":true}");
    assertThat(chaos("driver", "set", "cinder-volume@node1", "--capacity-exhausted", "--backend-state", "down"))
        .isZero();
    assertThat(requests.get(1)).isEqualTo("PUT /chaos/driver {\"capacity_exhausted\":true,\"backend_state\":\"down\"}");
    assertThat(chaos("driver", "clear", "cinder-volume@node1")).isZero();
    assertThat(chaos("driver", "show", "cinder-volume@node1", "--backend", "node1@lvm")).isZero();
    assertThat(requests.subList(2, 4)).containsExactly("DELETE /chaos/driver", "GET /chaos/driver/node1@lvm");
  }

  @Test
  void theEndpointsRefusalIsShown() {
    status = 400;
    assertThat(chaos("driver", "set", "cinder-volume@node1", "--error-rate", "2")).isEqualTo(1);
    assertThat(err.toString()).contains("400").contains("error_rate must be a number from 0 to 1");
  }

  @Test
  void dbVerbsPostTheirFault() {
    assertThat(chaos("db", "stall", "cinder-volume@node1", "--seconds", "5", "--table", "quota_usages"))
        .as(err.toString()).isZero();
    assertThat(chaos("db", "disconnect", "cinder-volume@node1", "--seconds", "2.5")).isZero();
    assertThat(chaos("db", "status", "cinder-volume@node1")).isZero();
    assertThat(chaos("db", "clear", "cinder-volume@node1")).isZero();
    assertThat(requests).containsExactly(
        "POST /chaos/db/stall {\"seconds\":5.0,\"table\":\"quota_usages\"}",
        "POST /chaos/db/disconnect {\"seconds\":2.5}",
        "GET /chaos/db",
        "DELETE /chaos/db");
    assertThat(chaos("db", "stall", "cinder-volume@node1", "--seconds", "5")).isEqualTo(2);
    assertThat(err.toString()).contains("--table");
  }
}
