package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.testing.Captured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Volumes through the real HTTP server, broker and database (H2), with a fake scheduler and volume service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumesApiIT {

  private ApiStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = ApiStack.start(Dialect.H2);
    stack.volumeService(ApiStack.BACKEND, "nova");
    stack.volumeService("node2@lvm", "nova");
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  private static JsonObject volumeBody(Object size, String name) {
    return new JsonObject().put("volume", new JsonObject().put("size", size).put("name", name));
  }

  private static JsonObject json(HttpResponse<Buffer> resp) {
    return resp.bodyAsJsonObject();
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    JsonObject fault = json(resp).getJsonObject(name);
    assertThat(fault).as(resp.bodyAsString()).isNotNull();
    assertThat(fault.getInteger("code")).isEqualTo(status);
    assertThat(fault.getString("message")).isEqualTo(message);
  }

  private List<Volume> rows(String project) throws Exception {
    return join(stack.db().volumes().list(ListQuery.builder().projectId(project).build()));
  }

  private JsonObject create(String project, int size, String name) throws Exception {
    HttpResponse<Buffer> resp = stack.postAs(project, "/volumes", volumeBody(size, name));
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    return json(resp).getJsonObject("volume");
  }

  /** A volume the scheduler has placed: host set, available. */
  private String placedVolume(String name) throws Exception {
    String id = create(ApiStack.PROJECT, 1, name).getString("id");
    join(stack.db().volumes().update(id, Map.of("host", ApiStack.POOL_HOST, "status", "available")));
    return id;
  }

  @Test
  void createWritesTheRowConsumesQuotaAndCastsTheCapturedCreateVolume() throws Exception {
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);

    HttpResponse<Buffer> resp = stack.post("/volumes", new JsonObject().put("volume", new JsonObject()
        .put("size", 1).put("name", "anchor-vol").put("metadata", new JsonObject().put("k", "v"))));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    JsonObject v = json(resp).getJsonObject("volume");
    String id = v.getString("id");
    assertThat(v.getString("status")).isEqualTo("creating");
    assertThat(v.getString("name")).isEqualTo("anchor-vol");
    assertThat(v.getInteger("size")).isEqualTo(1);
    assertThat(v.getString("volume_type")).isEqualTo("__DEFAULT__");
    assertThat(v.getString("availability_zone")).isEqualTo("nova");
    assertThat(v.getString("os-vol-tenant-attr:tenant_id")).isEqualTo(ApiStack.PROJECT);
    assertThat(v.containsKey("os-vol-host-attr:host")).isTrue();
    assertThat(v.getString("os-vol-host-attr:host")).isNull();
    assertThat(v.getString("bootable")).isEqualTo("false");
    assertThat(v.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(v.getJsonArray("links").getJsonObject(0).getString("href"))
        .endsWith("/v3/" + ApiStack.PROJECT + "/volumes/" + id);

    Volume row = join(stack.db().volumes().get(id));
    assertThat(row.status()).isEqualTo("creating");
    assertThat(row.attachStatus()).isEqualTo("detached");
    assertThat(row.useQuota()).isTrue();
    assertThat(row.userId()).isEqualTo(ApiStack.USER);
    assertThat(row.projectId()).isEqualTo(ApiStack.PROJECT);
    assertThat(row.metadata()).containsEntry("k", "v");
    assertThat(row.host()).isNull();
    assertThat(join(stack.db().workers().find("Volume", id))).isPresent();
    Map<String, Integer> after = stack.inUse(ApiStack.PROJECT);
    assertThat(after.get("volumes")).isEqualTo(before.get("volumes") + 1);
    assertThat(after.get("gigabytes")).isEqualTo(before.get("gigabytes") + 1);

    ApiStack.Received cast = stack.awaitSchedulerCast("create_volume");
    JsonObject captured = Captured.message("01_").getJsonObject("oslo_message_decoded");
    JsonObject capturedArgs = captured.getJsonObject("args");
    assertThat(new ArrayList<>(cast.args().fieldNames())).containsExactlyElementsOf(capturedArgs.fieldNames());
    Shapes.assertSameShape(cast.args().getJsonObject("request_spec"), capturedArgs.getJsonObject("request_spec"),
        "request_spec");
    Shapes.assertSameShape(cast.args().getJsonObject("volume"), capturedArgs.getJsonObject("volume"), "volume");
    assertThat(cast.args().getJsonObject("filter_properties")).isEqualTo(new JsonObject());
    JsonObject spec = cast.args().getJsonObject("request_spec").getJsonObject(VersionedObjects.DATA);
    assertThat(spec.getString("volume_id")).isEqualTo(id);
    assertThat(spec.getJsonArray("availability_zones")).containsExactly("nova");
    assertThat(spec.getJsonObject("volume_properties").getJsonObject(VersionedObjects.DATA).getInteger("size"))
        .isEqualTo(1);
    assertThat(VersionedObjects.toVolume(cast.args().getJsonObject("volume")).id()).isEqualTo(id);
    assertThat(cast.context().userId()).isEqualTo(ApiStack.USER);
    assertThat(cast.context().projectId()).isEqualTo(ApiStack.PROJECT);
    assertThat(cast.context().requestId()).isEqualTo(resp.getHeader("x-openstack-request-id"));
    assertThat(cast.context().isAdmin()).isTrue();
  }

  @Test
  void invalidCreatesAnswerCinderFaultsAndWriteNothing() throws Exception {
    String project = "1111aaaa2222bbbb3333cccc4444dddd";
    int casts = stack.schedulerCasts.size();

    assertFault(stack.postAs(project, "/volumes", "{\"volume\": "), 400, "badRequest", "Malformed request body");
    assertFault(stack.postAs(project, "/volumes", volumeBody("abc", "x")), 400, "badRequest",
        "Invalid input for field/attribute size. Value: abc. 'abc' does not match '^[0-9]+$'");
    assertFault(stack.postAs(project, "/volumes", volumeBody(0, "x")), 400, "badRequest",
        "Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1");
    assertFault(stack.postAs(project, "/volumes", new JsonObject().put("volume", new JsonObject())), 400,
        "badRequest", "Invalid input received: Volume size 'None' must be an integer and greater than 0");
    assertFault(stack.postAs(project, "/volumes", new JsonObject().put("volume", new JsonObject().put("size", 1)
        .put("volume_type", "no-such-type"))), 404, "itemNotFound",
        "Volume type with name no-such-type could not be found.");
    assertFault(stack.postAs(project, "/volumes", new JsonObject().put("volume", new JsonObject().put("size", 1)
        .put("availability_zone", "mars"))), 400, "badRequest", "Availability zone 'mars' is invalid.");
    assertFault(stack.postAs(project, "/volumes", new JsonObject().put("volumes", new JsonObject())), 400,
        "badRequest", "'volume' is a required property");

    assertThat(rows(project)).isEmpty();
    assertThat(stack.inUse(project).get("volumes")).isZero();
    assertThat(stack.inUse(project).get("gigabytes")).isZero();
    assertThat(stack.schedulerCasts.size()).isEqualTo(casts);
  }

  @Test
  void quotaExceededIs413WithCinderWordingAndNoRow() throws Exception {
    String project = "5555aaaa2222bbbb3333cccc4444dddd";
    join(stack.db().quotas().setLimit(project, "volumes", 1));
    join(stack.db().quotas().setLimit(project, "gigabytes", 5));

    HttpResponse<Buffer> tooBig = stack.postAs(project, "/volumes", volumeBody(6, "big"));
    assertFault(tooBig, 413, "overLimit", "Requested volume or snapshot exceeds allowed gigabytes quota. "
        + "Requested 6G, quota is 5G and 0G has been consumed.");
    assertThat(tooBig.getHeader("Retry-After")).isEqualTo("0");
    create(project, 2, "first");
    assertFault(stack.postAs(project, "/volumes", volumeBody(1, "second")), 413, "overLimit",
        "Maximum number of volumes allowed (1) exceeded for quota 'volumes'.");

    assertThat(rows(project)).extracting(Volume::displayName).containsExactly("first");
    assertThat(stack.inUse(project)).containsEntry("volumes", 1).containsEntry("gigabytes", 2);
  }

  @Test
  void listsArePagedScopedAndFiltered() throws Exception {
    String project = "6666aaaa2222bbbb3333cccc4444dddd";
    List<String> ids = new ArrayList<>();
    for (String name : List.of("a-vol", "b-vol", "c-vol")) {
      ids.add(create(project, 1, name).getString("id"));
    }

    JsonObject page1 = json(stack.getAs(project, "/volumes?limit=2&sort=name:asc"));
    assertThat(page1.getJsonArray("volumes")).hasSize(2);
    JsonObject first = page1.getJsonArray("volumes").getJsonObject(0);
    assertThat(new ArrayList<>(first.fieldNames())).containsExactly("id", "name", "links");
    assertThat(first.getString("name")).isEqualTo("a-vol");
    String next = page1.getJsonArray("volumes_links").getJsonObject(0).getString("href");
    assertThat(next).contains("/v3/" + project + "/volumes?").contains("limit=2").contains("marker=" + ids.get(1));

    JsonObject page2 = json(stack.getAs(project, next.substring(next.indexOf("/volumes"))));
    assertThat(page2.getJsonArray("volumes")).extracting(o -> ((JsonObject) o).getString("name"))
        .containsExactly("c-vol");
    assertThat(page2.containsKey("volumes_links")).isFalse();

    JsonObject detail = json(stack.getAs(project, "/volumes/detail?name=b-vol"));
    assertThat(detail.getJsonArray("volumes")).hasSize(1);
    assertThat(detail.getJsonArray("volumes").getJsonObject(0).getString("status")).isEqualTo("creating");
    assertThat(json(stack.getAs(project, "/volumes/detail?status=available")).getJsonArray("volumes")).isEmpty();
    assertThat(json(stack.getAs(project, "/volumes?no_such_column=1")).getJsonArray("volumes")).isEmpty();
    assertThat(json(stack.getAs(project, "/volumes?with_count=true")).getInteger("count")).isNull();

    JsonObject counted = json(stack.request(io.vertx.core.http.HttpMethod.GET, "/volumes?all_tenants=1&limit=1"
        + "&with_count=true", null, "OpenStack-API-Version", "volume 3.45"));
    assertThat(counted.getInteger("count")).isGreaterThanOrEqualTo(3);

    List<String> mine = names(json(stack.get("/volumes")));
    assertThat(mine).doesNotContain("a-vol", "b-vol", "c-vol");
    assertThat(names(json(stack.get("/volumes?all_tenants=1")))).contains("a-vol", "b-vol", "c-vol");
    assertFault(stack.getAs(project, "/volumes?marker=nope"), 404, "itemNotFound",
        "Volume nope could not be found.");
    assertFault(stack.getAs(project, "/volumes?sort=bogus:asc"), 400, "badRequest",
        "Invalid input received: Invalid sort key");
  }

  @Test
  void fromMicroversion360CreatedAtAndUpdatedAtCompareTimesAsCinderDoes() throws Exception {
    String project = "4444aaaa2222bbbb3333cccc5555eeee";
    String old = create(project, 1, "old-vol").getString("id");
    create(project, 1, "new-vol");
    join(stack.db().pool().preparedQuery("UPDATE volumes SET created_at = ?, updated_at = ? WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(java.time.LocalDateTime.parse("2019-06-01T00:00:00"),
            java.time.LocalDateTime.parse("2019-06-02T00:00:00"), old)));

    assertThat(listed(project, "created_at=gt:2020-01-01T00:00:00", "3.60")).containsExactly("new-vol");
    assertThat(listed(project, "created_at=lte:2019-06-01", "3.60")).containsExactly("old-vol");
    // the units are OR-ed (_filter_time_comparison), and a zone is converted to UTC
    assertThat(listed(project, "created_at=lt:2019-01-01,gt:2019-05-31T23:00:00Z", "3.60"))
        .containsExactlyInAnyOrder("old-vol", "new-vol");
    assertThat(listed(project, "created_at=eq:2019-06-01T02:00:00%2B02:00", "3.60")).containsExactly("old-vol");
    // a volume never updated has no updated_at, which compares to nothing (SQL NULL, as in Cinder)
    assertThat(listed(project, "updated_at=neq:2019-06-01T00:00:00", "3.60")).containsExactly("old-vol");
    // before 3.60 Cinder drops the filter
    assertThat(listed(project, "created_at=gt:2020-01-01T00:00:00", "3.59"))
        .containsExactlyInAnyOrder("old-vol", "new-vol");
  }

  private List<String> listed(String project, String query, String microversion) throws Exception {
    HttpResponse<Buffer> resp = stack.getAs(project, "/volumes?" + query, "OpenStack-API-Version",
        "volume " + microversion);
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
    return names(json(resp));
  }

  private static List<String> names(JsonObject list) {
    List<String> out = new ArrayList<>();
    list.getJsonArray("volumes").forEach(o -> out.add(((JsonObject) o).getString("name")));
    return out;
  }

  @Test
  void showRendersMicroversionFields() throws Exception {
    String id = placedVolume("shown");

    JsonObject v30 = json(stack.get("/volumes/" + id)).getJsonObject("volume");
    assertThat(v30.getString("os-vol-host-attr:host")).isEqualTo(ApiStack.POOL_HOST);
    assertThat(v30.getString("status")).isEqualTo("available");
    assertThat(v30.containsKey("volume_type_id")).isFalse();
    assertThat(v30.containsKey("consumes_quota")).isFalse();

    JsonObject v365 = json(stack.get("/volumes/" + id, "OpenStack-API-Version", "volume 3.65"))
        .getJsonObject("volume");
    assertThat(v365.getBoolean("consumes_quota")).isTrue();
    assertThat(v365.getString("volume_type_id")).isNotNull();
    assertThat(v365.containsKey("shared_targets")).isTrue();
    assertThat(v365.containsKey("cluster_name")).isTrue();
    assertThat(v365.containsKey("group_id")).isTrue();

    assertFault(stack.get("/volumes/0000"), 404, "itemNotFound", "Volume 0000 could not be found.");
  }

  @Test
  void deleteOfAnUnscheduledVolumeDestroysItAndGivesQuotaBack() throws Exception {
    String id = create(ApiStack.PROJECT, 3, "never-scheduled").getString("id");
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);
    int volumeCasts = stack.volumeCasts.size();

    HttpResponse<Buffer> resp = stack.delete("/volumes/" + id);

    assertThat(resp.statusCode()).isEqualTo(202);
    assertThat(join(stack.db().volumes().find(id))).isEmpty();
    assertThat(join(stack.db().volumes().find(id, true)).orElseThrow().status()).isEqualTo("deleted");
    Map<String, Integer> after = stack.inUse(ApiStack.PROJECT);
    assertThat(after.get("volumes")).isEqualTo(before.get("volumes") - 1);
    assertThat(after.get("gigabytes")).isEqualTo(before.get("gigabytes") - 3);
    assertThat(stack.volumeCasts.size()).isEqualTo(volumeCasts);
  }

  @Test
  void deleteOfAScheduledVolumeMovesItToDeletingAndCastsTheVolumeService() throws Exception {
    String id = placedVolume("to-delete");

    assertThat(stack.delete("/volumes/" + id).statusCode()).isEqualTo(202);

    assertThat(join(stack.db().volumes().get(id)).status()).isEqualTo("deleting");
    ApiStack.Received cast = stack.awaitVolumeCast("delete_volume", id);
    Volume sent = VersionedObjects.toVolume(cast.args().getJsonObject("volume"));
    assertThat(sent.id()).isEqualTo(id);
    assertThat(sent.status()).isEqualTo("deleting");
    assertThat(sent.terminatedAt()).isNotNull();
    assertThat(new ArrayList<>(cast.args().fieldNames())).containsExactly("volume", "unmanage_only", "cascade");
    assertThat(new ArrayList<>(cast.args().fieldNames())).containsExactlyElementsOf(Captured.message("14_")
        .getJsonObject("oslo_message_decoded").getJsonObject("args").fieldNames());
  }

  @Test
  void deletePreconditionsFollowCinder() throws Exception {
    String id = placedVolume("busy");
    join(stack.db().volumes().update(id, Map.of("status", "creating")));

    assertFault(stack.delete("/volumes/" + id), 400, "badRequest", "Invalid volume: Volume status must be "
        + "available or error or error_restoring or error_extending or error_managing and must not be migrating, "
        + "attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots "
        + "after volume transfer.");
    assertThat(join(stack.db().volumes().get(id)).status()).isEqualTo("creating");
    assertFault(stack.delete("/volumes/" + id + "?cascade=maybe"), 400, "badRequest",
        "Value 'maybe' for 'cascade' is not a boolean.");

    join(stack.db().volumes().update(id, Map.of("status", "available", "attach_status", "attached")));
    assertThat(stack.delete("/volumes/" + id).statusCode()).isEqualTo(400);

    join(stack.db().volumes().update(id, Map.of("attach_status", "detached", "status", "creating")));
    assertThat(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-force_delete", new JsonObject()))
        .statusCode()).isEqualTo(202);
    assertThat(join(stack.db().volumes().get(id)).status()).isEqualTo("deleting");
    assertFault(stack.delete("/volumes/" + "nope"), 404, "itemNotFound", "Volume nope could not be found.");
  }

  @Test
  void resetStatusWritesWhatWasGiven() throws Exception {
    String id = placedVolume("reset");

    assertThat(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-reset_status",
        new JsonObject().put("status", "error").put("migration_status", "none"))).statusCode()).isEqualTo(202);

    assertThat(join(stack.db().volumes().get(id)).status()).isEqualTo("error");
    assertThat(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-reset_status",
        new JsonObject().put("status", "bogus"))).statusCode()).isEqualTo(400);
    assertFault(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-reset_status", new JsonObject())),
        400, "badRequest", "Must specify 'status', 'attach_status' or 'migration_status' for update.");
    assertFault(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-frobnicate", new JsonObject())),
        400, "badRequest", "There is no such action: os-frobnicate");
  }

  @Test
  void extendChecksStatusAndSizeConsumesQuotaAndAsksTheScheduler() throws Exception {
    String id = placedVolume("grow");
    int gbBefore = stack.inUse(ApiStack.PROJECT).get("gigabytes");

    assertFault(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-extend",
        new JsonObject().put("new_size", 1))), 400, "badRequest", "Invalid input received: New size for extend "
        + "must be greater than current size. (current: 1, extended: 1).");
    assertThat(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-extend",
        new JsonObject().put("new_size", 3))).statusCode()).isEqualTo(202);

    Volume row = join(stack.db().volumes().get(id));
    assertThat(row.status()).isEqualTo("extending");
    assertThat(row.previousStatus()).isEqualTo("available");
    assertThat(stack.inUse(ApiStack.PROJECT).get("gigabytes")).isEqualTo(gbBefore + 2);
    ApiStack.Received cast = stack.awaitSchedulerCast("extend_volume");
    assertThat(cast.args().getInteger("new_size")).isEqualTo(3);
    assertThat(new ArrayList<>(cast.args().fieldNames())).containsExactly("volume", "new_size", "reservations",
        "request_spec", "filter_properties");
    JsonObject spec = cast.args().getJsonObject("request_spec");
    assertThat(new ArrayList<>(spec.fieldNames())).containsExactly("volume_properties", "volume_type", "volume_id");
    assertThat(spec.getJsonObject("volume_properties").getInteger("size")).isEqualTo(1);

    assertFault(stack.post("/volumes/" + id + "/action", new JsonObject().put("os-extend",
        new JsonObject().put("new_size", 5))), 400, "badRequest", "Invalid volume: Volume " + id
        + " status must be available to extend, but current status is: extending.");
  }

  @Test
  void migrateValidatesTheTargetAndAsksTheScheduler() throws Exception {
    String id = placedVolume("move");
    String action = "/volumes/" + id + "/action";

    assertThat(stack.post(action, migrate("not a host")).statusCode()).isEqualTo(400);
    assertFault(stack.post(action, migrate("ghost@lvm#lvm")), 400, "badRequest",
        "Invalid host: No available service named ghost@lvm#lvm");
    assertThat(stack.post(action, migrate(ApiStack.POOL_HOST)).statusCode()).isEqualTo(400);
    assertFault(stack.post(action, new JsonObject().put("os-migrate_volume", new JsonObject())), 400,
        "badRequest", "Invalid input for field/attribute os-migrate_volume. Value: {}. 'host' is a required "
            + "property");

    assertThat(stack.post(action, migrate("node2@lvm#lvm")).statusCode()).isEqualTo(202);

    Volume row = join(stack.db().volumes().get(id));
    assertThat(row.migrationStatus()).isEqualTo("starting");
    assertThat(row.status()).isEqualTo("available");
    ApiStack.Received cast = stack.awaitSchedulerCast("migrate_volume");
    assertThat(new ArrayList<>(cast.args().fieldNames())).containsExactly("request_spec", "filter_properties",
        "volume", "backend", "force_copy");
    assertThat(cast.args().getString("backend")).isEqualTo("node2@lvm#lvm");
    assertThat(cast.args().getBoolean("force_copy")).isFalse();
    assertThat(stack.post(action, migrate("node2@lvm#lvm")).statusCode()).as("already migrating").isEqualTo(400);
  }

  private static JsonObject migrate(String host) {
    return new JsonObject().put("os-migrate_volume", new JsonObject().put("host", host));
  }

  @Test
  void capturedArgsOfGetPoolsAreAnsweredThroughTheApi() throws Exception {
    stack.pools = new JsonArray().add(new JsonObject().put("name", ApiStack.POOL_HOST)
        .put("capabilities", new JsonObject().put("storage_protocol", new JsonArray().add("iSCSI").add("iscsi"))));
    JsonObject pools = json(stack.get("/scheduler-stats/get_pools?detail=True"));
    assertThat(pools.getJsonArray("pools").getJsonObject(0).getJsonObject("capabilities")
        .getString("storage_protocol")).isEqualTo("iSCSI");
  }
}
