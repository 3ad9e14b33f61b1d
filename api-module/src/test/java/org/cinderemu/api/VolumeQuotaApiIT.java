package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.objects.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quota moves with the rows it counts: concurrent and repeated deletes give it back once, refused or failed
 * creates and extends take none (real HTTP server, broker and H2; fake scheduler and volume service).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeQuotaApiIT {

  private static final int CONCURRENT = 10;
  private static final String FORCE_REFUSED = "Invalid volume: Volume  must not be migrating, attached, belong to "
      + "a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.";

  private ApiStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = ApiStack.start(Dialect.H2);
    stack.volumeService(ApiStack.BACKEND, "nova");
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void concurrentDeletesOfAnUnscheduledVolumeGiveItsQuotaBackOnce() throws Exception {
    // the fake scheduler never places a volume, so both stay unscheduled; the keeper holds quota that a
    // second release would wrongly take away (usage never goes below zero)
    create(2, "keeper");
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);
    String doomed = create(3, "doomed");

    List<HttpResponse<Buffer>> answers = all(HttpMethod.DELETE, "/volumes/" + doomed, null);

    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isIn(202, 404));
    assertThat(join(stack.db().volumes().find(doomed))).isEmpty();
    assertThat(stack.inUse(ApiStack.PROJECT)).isEqualTo(before);
  }

  @Test
  void concurrentForceDeletesSendOneDeleteVolumeAndRefuseTheRest() throws Exception {
    String id = placed(1, "forced");

    List<HttpResponse<Buffer>> answers = all(HttpMethod.POST, "/volumes/" + id + "/action",
        new JsonObject().put("os-force_delete", new JsonObject()));

    List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
    assertThat(statuses).as(statuses.toString()).containsOnlyOnce(202).containsOnly(202, 400);
    answers.stream().filter(r -> r.statusCode() == 400).forEach(r -> assertRefused(r));
    await().atMost(Duration.ofSeconds(15)).until(() -> deleteCastsOf(id) == 1);
    assertThat(join(stack.db().volumes().get(id)).status()).isEqualTo("deleting");
  }

  @Test
  void aSecondForceDeleteOfADeletingVolumeIsRefused() throws Exception {
    String id = placed(1, "forced-twice");
    JsonObject force = new JsonObject().put("os-force_delete", new JsonObject());
    assertThat(stack.post("/volumes/" + id + "/action", force).statusCode()).isEqualTo(202);

    assertRefused(stack.post("/volumes/" + id + "/action", force));
    await().atMost(Duration.ofSeconds(15)).until(() -> deleteCastsOf(id) == 1);
    assertThat(stack.delete("/volumes/" + id).statusCode()).isEqualTo(400);
    assertThat(deleteCastsOf(id)).isEqualTo(1);
  }

  @Test
  void aCreateRefusedOverQuotaLeavesNoRowAndNoUsage() throws Exception {
    String project = UUID.randomUUID().toString().replace("-", "");
    JsonObject limits = new JsonObject().put("quota_set", new JsonObject().put("volumes", 1).put("gigabytes", 5));
    assertThat(stack.put("/os-quota-sets/" + project, limits).statusCode()).isEqualTo(200);
    assertThat(stack.postAs(project, "/volumes", body(2, "fits")).statusCode()).isEqualTo(202);
    Map<String, Integer> before = stack.inUse(project);

    assertThat(stack.postAs(project, "/volumes", body(1, "one-too-many")).statusCode()).isEqualTo(413);
    assertThat(stack.put("/os-quota-sets/" + project, new JsonObject().put("quota_set",
        new JsonObject().put("volumes", 5))).statusCode()).isEqualTo(200);
    assertThat(stack.postAs(project, "/volumes", body(4, "too-big")).statusCode()).isEqualTo(413);

    assertThat(join(stack.db().volumes().list(ListQuery.builder().projectId(project).build())))
        .extracting(Volume::displayName).containsExactly("fits");
    assertThat(stack.inUse(project)).isEqualTo(before).containsEntry("volumes", 1).containsEntry("gigabytes", 2);
  }

  @Test
  void anExtendWhoseCastFailsLeavesTheVolumeAsItWasAndTheQuotaUnchanged() throws Exception {
    String id = placed(1, "extend-fails");
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);

    stack.failingPublishes.add("extend_volume");
    HttpResponse<Buffer> resp;
    try {
      resp = stack.post("/volumes/" + id + "/action", new JsonObject().put("os-extend",
          new JsonObject().put("new_size", 4)));
    } finally {
      stack.failingPublishes.remove("extend_volume");
    }

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(500);
    Volume after = join(stack.db().volumes().get(id));
    assertThat(after.status()).isEqualTo("available");
    assertThat(after.previousStatus()).isNull();
    assertThat(after.size()).isEqualTo(1);
    assertThat(stack.inUse(ApiStack.PROJECT)).isEqualTo(before);
  }

  // ---- fixtures ----

  private static JsonObject body(int size, String name) {
    return new JsonObject().put("volume", new JsonObject().put("size", size).put("name", name));
  }

  private String create(int size, String name) throws Exception {
    HttpResponse<Buffer> resp = stack.post("/volumes", body(size, name));
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    return resp.bodyAsJsonObject().getJsonObject("volume").getString("id");
  }

  /** A volume the scheduler has placed: host set, available. */
  private String placed(int size, String name) throws Exception {
    String id = create(size, name);
    join(stack.db().volumes().update(id, Map.of("host", ApiStack.POOL_HOST, "status", "available")));
    return id;
  }

  /** {@value #CONCURRENT} identical requests in flight at once, and their answers. */
  private List<HttpResponse<Buffer>> all(HttpMethod method, String path, JsonObject body) throws Exception {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      sent.add(stack.send(method, path, body));
    }
    join(Future.join(sent));
    return sent.stream().map(Future::result).toList();
  }

  private long deleteCastsOf(String id) {
    return stack.volumeCasts.stream().filter(c -> c.method().equals("delete_volume"))
        .filter(c -> id.equals(c.args().getJsonObject("volume").getJsonObject("versioned_object.data")
            .getString("id")))
        .count();
  }

  private static void assertRefused(HttpResponse<Buffer> resp) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(400);
    assertThat(resp.bodyAsJsonObject().getJsonObject("badRequest").getString("message")).isEqualTo(FORCE_REFUSED);
  }
}
