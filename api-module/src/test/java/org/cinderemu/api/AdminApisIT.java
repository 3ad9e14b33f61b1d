package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Volume types, os-services, get_pools, limits, availability zones and quota sets through the real stack
 * (H2, broker, fake scheduler).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApisIT {

  private ApiStack stack;
  private Service volumeUp;
  private Service backupDown;
  private Service volumeDisabled;

  @BeforeAll
  void start() throws Exception {
    stack = ApiStack.start(Dialect.H2, "DEFAULT", "service_down_time", "60");
    volumeUp = stack.volumeService(ApiStack.BACKEND, "nova");
    volumeDisabled = stack.volumeService("node3@lvm", "zone-b");
    join(stack.db().services().setDisabled(volumeDisabled.id(), true, "maintenance"));
    Service backup = join(stack.db().services().register(Service.builder().host("node1").binary("cinder-backup")
        .topic("cinder-backup").availabilityZone("nova").build()));
    // last heartbeat ten minutes ago: down
    join(stack.db().services().update(backup.id(), Map.of("updated_at", LocalDateTime.now(java.time.ZoneOffset.UTC)
        .minusMinutes(10))));
    backupDown = join(stack.db().services().get(backup.id()));
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  private static JsonObject json(HttpResponse<Buffer> resp) {
    return resp.bodyAsJsonObject();
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    assertThat(json(resp).getJsonObject(name).getString("message")).isEqualTo(message);
  }

  // ---- volume types ----

  @Test
  void volumeTypesCanBeCreatedShownUpdatedAndDeleted() throws Exception {
    JsonObject list = json(stack.get("/types"));
    assertThat(list.getJsonArray("volume_types")).extracting(o -> ((JsonObject) o).getString("name"))
        .contains("__DEFAULT__");

    HttpResponse<Buffer> created = stack.post("/types", new JsonObject().put("volume_type", new JsonObject()
        .put("name", "gold").put("description", "fast").put("extra_specs",
            new JsonObject().put("volume_backend_name", "lvm"))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    JsonObject gold = json(created).getJsonObject("volume_type");
    assertThat(new ArrayList<>(gold.fieldNames())).containsExactly("id", "name", "is_public", "description",
        "extra_specs", "qos_specs_id", "os-volume-type-access:is_public");
    assertThat(gold.getJsonObject("extra_specs").getString("volume_backend_name")).isEqualTo("lvm");
    String id = gold.getString("id");

    assertFault(stack.post("/types", new JsonObject().put("volume_type", new JsonObject().put("name", "gold"))),
        409, "conflictingRequest", "Volume Type gold already exists.");
    assertThat(json(stack.get("/types/" + id)).getJsonObject("volume_type").getString("name")).isEqualTo("gold");
    assertThat(json(stack.get("/types/default")).getJsonObject("volume_type").getString("name"))
        .isEqualTo("__DEFAULT__");
    assertFault(stack.get("/types/0000"), 404, "itemNotFound", "Volume type 0000 could not be found.");

    JsonObject updated = json(stack.put("/types/" + id, new JsonObject().put("volume_type",
        new JsonObject().put("description", "faster")))).getJsonObject("volume_type");
    assertThat(updated.getString("description")).isEqualTo("faster");
    assertFault(stack.put("/types/" + id, new JsonObject().put("volume_type", new JsonObject())), 400,
        "badRequest", "Specify volume type name, description, is_public or a combination thereof.");

    // in use by a volume: refused
    HttpResponse<Buffer> vol = stack.post("/volumes", new JsonObject().put("volume", new JsonObject()
        .put("size", 1).put("volume_type", "gold")));
    assertThat(vol.statusCode()).as(vol.bodyAsString()).isEqualTo(202);
    assertThat(json(vol).getJsonObject("volume").getString("volume_type")).isEqualTo("gold");
    assertFault(stack.delete("/types/" + id), 400, "badRequest",
        "Volume Type " + id + " deletion is not allowed with volumes present with the type.");
    join(stack.db().volumes().softDelete(json(vol).getJsonObject("volume").getString("id")));

    assertThat(stack.delete("/types/" + id).statusCode()).isEqualTo(202);
    assertThat(stack.get("/types/" + id).statusCode()).isEqualTo(404);
    String defaultId = json(stack.get("/types/default")).getJsonObject("volume_type").getString("id");
    assertFault(stack.delete("/types/" + defaultId), 400, "badRequest", "Default volume type can not be deleted.");
  }

  @Test
  void extraSpecsCrud() throws Exception {
    String id = json(stack.post("/types", new JsonObject().put("volume_type", new JsonObject()
        .put("name", "silver")))).getJsonObject("volume_type").getString("id");
    String specs = "/types/" + id + "/extra_specs";

    JsonObject posted = json(stack.post(specs, new JsonObject().put("extra_specs",
        new JsonObject().put("a", "1").put("b", "2"))));
    assertThat(posted).isEqualTo(new JsonObject().put("extra_specs", new JsonObject().put("a", "1").put("b", "2")));
    assertThat(json(stack.get(specs)).getJsonObject("extra_specs").getMap()).containsOnlyKeys("a", "b");
    assertThat(json(stack.get(specs + "/a"))).isEqualTo(new JsonObject().put("a", "1"));
    assertThat(json(stack.put(specs + "/a", new JsonObject().put("a", "9")))).isEqualTo(new JsonObject().put("a", "9"));
    assertFault(stack.put(specs + "/a", new JsonObject().put("b", "9")), 400, "badRequest",
        "Request body and URI mismatch");
    assertThat(stack.delete(specs + "/b").statusCode()).isEqualTo(202);
    assertFault(stack.get(specs + "/b"), 404, "itemNotFound",
        "Volume Type " + id + " has no extra specs with key b.");
    assertThat(json(stack.get(specs)).getJsonObject("extra_specs")).isEqualTo(new JsonObject().put("a", "9"));
  }

  // ---- os-services ----

  @Test
  void servicesAreListedWithStateStatusAndZone() throws Exception {
    JsonArray services = json(stack.get("/os-services")).getJsonArray("services");
    JsonObject volume = find(services, "cinder-volume", ApiStack.BACKEND);
    assertThat(new ArrayList<>(volume.fieldNames())).containsExactly("binary", "host", "zone", "status", "state",
        "updated_at", "disabled_reason", "replication_status", "active_backend_id", "frozen");
    assertThat(volume.getString("state")).isEqualTo("up");
    assertThat(volume.getString("status")).isEqualTo("enabled");
    assertThat(volume.getString("zone")).isEqualTo("nova");
    JsonObject backup = find(services, "cinder-backup", "node1");
    assertThat(backup.getString("state")).isEqualTo("down");
    assertThat(backup.containsKey("frozen")).isFalse();
    JsonObject disabled = find(services, "cinder-volume", "node3@lvm");
    assertThat(disabled.getString("status")).isEqualTo("disabled");
    assertThat(disabled.getString("disabled_reason")).isEqualTo("maintenance");

    assertThat(json(stack.get("/os-services?binary=cinder-backup")).getJsonArray("services")).hasSize(1);
    assertThat(json(stack.get("/os-services?host=node1")).getJsonArray("services")).hasSize(2);

    stack.pools = new JsonArray().add(new JsonObject().put("name", ApiStack.POOL_HOST)
        .put("capabilities", new JsonObject().put("backend_state", "down")));
    JsonObject v349 = find(json(stack.get("/os-services", "OpenStack-API-Version", "volume 3.49"))
        .getJsonArray("services"), "cinder-volume", ApiStack.BACKEND);
    assertThat(v349.getString("backend_state")).isEqualTo("down");
    assertThat(v349.containsKey("cluster")).isTrue();
  }

  private static JsonObject find(JsonArray services, String binary, String host) {
    for (Object o : services) {
      JsonObject s = (JsonObject) o;
      if (s.getString("binary").equals(binary) && s.getString("host").equals(host)) {
        return s;
      }
    }
    throw new AssertionError("no " + binary + " on " + host + " in " + services.encode());
  }

  @Test
  void servicesCanBeDisabledWithAReasonAndEnabled() throws Exception {
    Service s = stack.volumeService("node4@lvm", "nova");
    JsonObject body = new JsonObject().put("host", "node4@lvm").put("binary", "cinder-volume");

    JsonObject disabled = json(stack.put("/os-services/disable-log-reason", body.copy()
        .put("disabled_reason", "disk swap")));
    assertThat(disabled).isEqualTo(new JsonObject().put("disabled", true).put("disabled_reason", "disk swap")
        .put("host", "node4@lvm").put("service", "").put("binary", "cinder-volume").put("status", "disabled"));
    Service row = join(stack.db().services().get(s.id()));
    assertThat(row.disabled()).isTrue();
    assertThat(row.disabledReason()).isEqualTo("disk swap");

    JsonObject enabled = json(stack.put("/os-services/enable", body));
    assertThat(new ArrayList<>(enabled.fieldNames())).containsExactly("disabled_reason", "disabled", "host",
        "service", "binary", "status");
    assertThat(enabled.getBoolean("disabled")).isFalse();
    assertThat(join(stack.db().services().get(s.id())).disabled()).isFalse();
    assertThat(join(stack.db().services().get(s.id())).disabledReason()).isNull();

    JsonObject plain = json(stack.put("/os-services/disable", body));
    assertThat(plain.getString("status")).isEqualTo("disabled");
    assertThat(join(stack.db().services().get(s.id())).disabled()).isTrue();

    assertFault(stack.put("/os-services/enable", new JsonObject().put("host", "ghost").put("binary",
        "cinder-volume")), 404, "itemNotFound", "Service cinder-volume could not be found on host ghost.");
    assertFault(stack.put("/os-services/explode", body), 400, "badRequest", "Invalid input received: Unknown action");
  }

  // ---- pools, limits, zones, quotas ----

  @Test
  void getPoolsPassesFiltersAndCollapsesTheProtocol() throws Exception {
    stack.pools = new JsonArray().add(new JsonObject().put("name", ApiStack.POOL_HOST).put("capabilities",
        new JsonObject().put("storage_protocol", new JsonArray().add("iSCSI").add("iscsi")).put("pool_name", "lvm")));

    JsonObject names = json(stack.get("/scheduler-stats/get_pools"));
    assertThat(names).isEqualTo(new JsonObject().put("pools", new JsonArray()
        .add(new JsonObject().put("name", ApiStack.POOL_HOST))));
    JsonObject detail = json(stack.get("/scheduler-stats/get_pools?detail=true"));
    assertThat(detail.getJsonArray("pools").getJsonObject(0).getJsonObject("capabilities")
        .getString("storage_protocol")).isEqualTo("iSCSI");

    stack.get("/scheduler-stats/get_pools?name=" + ApiStack.POOL_HOST.replace("#", "%23")
        + "&volume_type=__DEFAULT__", "OpenStack-API-Version", "volume 3.35");
    JsonObject filters = stack.awaitSchedulerCast("get_pools").args().getJsonObject("filters");
    assertThat(filters.getString("name")).isEqualTo(ApiStack.POOL_HOST);
    assertThat(filters.getJsonObject("volume_type").getString("name")).isEqualTo("__DEFAULT__");
  }

  @Test
  void limitsZonesAndQuotaSets() throws Exception {
    String project = "7777aaaa2222bbbb3333cccc4444dddd";
    JsonObject absolute = json(stack.getAs(project, "/limits")).getJsonObject("limits").getJsonObject("absolute");
    assertThat(absolute.getInteger("maxTotalVolumes")).isEqualTo(10);
    assertThat(absolute.getInteger("maxTotalVolumeGigabytes")).isEqualTo(1000);
    assertThat(absolute.getInteger("totalVolumesUsed")).isZero();
    assertThat(absolute.fieldNames()).contains("maxTotalSnapshots", "maxTotalBackups", "maxTotalBackupGigabytes",
        "totalGigabytesUsed", "totalSnapshotsUsed", "totalBackupsUsed", "totalBackupGigabytesUsed");

    stack.postAs(project, "/volumes", new JsonObject().put("volume", new JsonObject().put("size", 2)));
    absolute = json(stack.getAs(project, "/limits")).getJsonObject("limits").getJsonObject("absolute");
    assertThat(absolute.getInteger("totalVolumesUsed")).isEqualTo(1);
    assertThat(absolute.getInteger("totalGigabytesUsed")).isEqualTo(2);

    JsonArray zones = json(stack.get("/os-availability-zone")).getJsonArray("availabilityZoneInfo");
    assertThat(zones).contains(new JsonObject().put("zoneName", "nova").put("zoneState",
        new JsonObject().put("available", true)), new JsonObject().put("zoneName", "zone-b").put("zoneState",
        new JsonObject().put("available", false)));

    JsonObject set = json(stack.get("/os-quota-sets/" + project)).getJsonObject("quota_set");
    assertThat(set.getString("id")).isEqualTo(project);
    assertThat(set.getInteger("volumes")).isEqualTo(10);
    assertThat(set.getInteger("volumes___DEFAULT__")).isEqualTo(-1);
    JsonObject usage = json(stack.get("/os-quota-sets/" + project + "?usage=True")).getJsonObject("quota_set");
    assertThat(usage.getJsonObject("gigabytes")).isEqualTo(new JsonObject().put("limit", 1000).put("in_use", 2)
        .put("reserved", 0));

    JsonObject put = json(stack.put("/os-quota-sets/" + project, new JsonObject().put("quota_set",
        new JsonObject().put("volumes", 3).put("gigabytes", "20")))).getJsonObject("quota_set");
    assertThat(put.getInteger("volumes")).isEqualTo(3);
    assertThat(put.getInteger("gigabytes")).isEqualTo(20);
    assertThat(put.containsKey("id")).isFalse();
    assertThat(json(stack.getAs(project, "/limits")).getJsonObject("limits").getJsonObject("absolute")
        .getInteger("maxTotalVolumes")).isEqualTo(3);
    assertFault(stack.put("/os-quota-sets/" + project, new JsonObject().put("quota_set",
        new JsonObject().put("bananas", 3))), 400, "badRequest", "Bad key(s) in quota set: bananas");
    assertFault(stack.put("/os-quota-sets/" + project, new JsonObject().put("quota_set",
        new JsonObject().put("gigabytes", 1))), 400, "badRequest",
        "Quota limit 1 for gigabytes must be greater than or equal to already used and reserved 2.");
    JsonObject defaults = json(stack.get("/os-quota-sets/" + project + "/defaults")).getJsonObject("quota_set");
    assertThat(defaults.getInteger("volumes")).isEqualTo(10);
    assertThat(List.copyOf(defaults.fieldNames()).subList(0, 2)).containsExactly("id", "volumes");
  }
  // ---- workers cleanup and clusters (docs/cinder-reference.md §9.2) ----

  @Test
  void workersCleanupNeeds324AndRefusesWhatCindersSchemaRefuses() throws Exception {
    assertThat(stack.post("/workers/cleanup", new JsonObject(), "OpenStack-API-Version", "volume 3.23").statusCode())
        .isEqualTo(404);
    for (JsonObject bad : java.util.List.of(new JsonObject().put("binary", "nova-scheduler"),
        new JsonObject().put("is_up", "nop"), new JsonObject().put("is_up", 11),
        new JsonObject().put("resource_id", "non UUID"), new JsonObject().put("fake_key", "value"))) {
      HttpResponse<Buffer> resp = stack.post("/workers/cleanup", bad, "OpenStack-API-Version", "volume 3.24");
      assertThat(resp.statusCode()).as("%s: %s", bad, resp.bodyAsString()).isEqualTo(400);
    }
    assertFault(stack.post("/workers/cleanup", new JsonObject().put("resource_type", "service"),
            "OpenStack-API-Version", "volume 3.24"), 400, "badRequest",
        "Invalid input received: Resource type Service not valid, must be Volume or Snapshot");
    String unknown = java.util.UUID.randomUUID().toString();
    assertFault(stack.post("/workers/cleanup", new JsonObject().put("resource_id", unknown),
            "OpenStack-API-Version", "volume 3.24"), 400, "badRequest",
        "Invalid input received: There is no resource with UUID " + unknown + " pending cleanup.");
  }

  @Test
  void clustersNeed37AndAnUnknownOneIsNotFound() throws Exception {
    assertThat(stack.get("/clusters", "OpenStack-API-Version", "volume 3.6").statusCode()).isEqualTo(404);
    assertThat(json(stack.get("/clusters/detail", "OpenStack-API-Version", "volume 3.7")).getJsonArray("clusters"))
        .isEmpty();
    assertFault(stack.put("/clusters/disable", new JsonObject().put("name", "nowhere@lvm"),
        "OpenStack-API-Version", "volume 3.7"), 404, "itemNotFound", "Cluster nowhere@lvm could not be found.");
  }
}
