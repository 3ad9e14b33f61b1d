package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.cinderemu.api.core.MetadataEtag;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.objects.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code PUT /volumes/{id}} and {@code /volumes/{id}/metadata[/{key}]} through the real HTTP server and H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeUpdateApiIT {

  private static final String MV = "OpenStack-API-Version";

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

  private String volume(String name, JsonObject metadata) throws Exception {
    JsonObject v = new JsonObject().put("size", 1).put("name", name).put("metadata", metadata);
    HttpResponse<Buffer> resp = stack.post("/volumes", new JsonObject().put("volume", v));
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    String id = resp.bodyAsJsonObject().getJsonObject("volume").getString("id");
    join(stack.db().volumes().update(id, Map.of("host", ApiStack.POOL_HOST, "status", "available")));
    return id;
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    assertThat(resp.bodyAsJsonObject().getJsonObject(name).getString("message")).isEqualTo(message);
  }

  @Test
  void putRenamesDescribesAndReplacesMetadata() throws Exception {
    String id = volume("before", new JsonObject().put("old", "1"));

    HttpResponse<Buffer> resp = stack.put("/volumes/" + id, new JsonObject().put("volume", new JsonObject()
        .put("name", "after").put("display_name", "ignored").put("description", "described")
        .put("metadata", new JsonObject().put("new", "2"))));

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
    JsonObject v = resp.bodyAsJsonObject().getJsonObject("volume");
    assertThat(v.getString("id")).isEqualTo(id);
    assertThat(v.getString("name")).isEqualTo("after");
    assertThat(v.getString("description")).isEqualTo("described");
    assertThat(v.getJsonObject("metadata").getMap()).containsExactly(Map.entry("new", "2"));
    Volume row = join(stack.db().volumes().get(id));
    assertThat(row.displayName()).isEqualTo("after");
    assertThat(row.metadata()).containsExactly(Map.entry("new", "2"));

    // without metadata the metadata stays
    stack.put("/volumes/" + id, new JsonObject().put("volume", new JsonObject().put("display_description", "d2")));
    row = join(stack.db().volumes().get(id));
    assertThat(row.displayDescription()).isEqualTo("d2");
    assertThat(row.metadata()).containsExactly(Map.entry("new", "2"));
  }

  @Test
  void putIsRefusedInMaintenanceAndForUnknownVolumes() throws Exception {
    String id = volume("busy", new JsonObject());
    join(stack.db().volumes().update(id, Map.of("status", "maintenance")));
    JsonObject rename = new JsonObject().put("volume", new JsonObject().put("name", "x"));
    assertFault(stack.put("/volumes/" + id, rename), 400, "badRequest",
        "Invalid volume: The volume cannot be updated during maintenance.");
    assertFault(stack.put("/volumes/00000000-0000-0000-0000-000000000000", rename), 404, "itemNotFound",
        "Volume 00000000-0000-0000-0000-000000000000 could not be found.");
    assertThat(stack.put("/volumes/" + id, new JsonObject().put("name", "x")).statusCode()).isEqualTo(400);
  }

  @Test
  void metadataCanBeListedMergedReplacedAndEditedKeyByKey() throws Exception {
    String id = volume("meta", new JsonObject().put("a", "1"));
    String path = "/volumes/" + id + "/metadata";

    HttpResponse<Buffer> merged = stack.post(path, new JsonObject().put("metadata", new JsonObject().put("b", "2")));
    assertThat(merged.statusCode()).isEqualTo(200);
    assertThat(merged.bodyAsJsonObject().getJsonObject("metadata").getMap()).containsOnly(Map.entry("a", "1"),
        Map.entry("b", "2"));
    assertThat(stack.get(path).bodyAsJsonObject().getJsonObject("metadata").getMap()).containsOnlyKeys("a", "b");

    HttpResponse<Buffer> one = stack.get(path + "/b");
    assertThat(one.bodyAsJsonObject()).isEqualTo(new JsonObject().put("meta", new JsonObject().put("b", "2")));
    assertFault(stack.get(path + "/zz"), 404, "itemNotFound", "Volume " + id + " has no metadata with key zz.");

    HttpResponse<Buffer> put = stack.put(path + "/b", new JsonObject().put("meta", new JsonObject().put("b", "3")));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject()).isEqualTo(new JsonObject().put("meta", new JsonObject().put("b", "3")));
    assertFault(stack.put(path + "/b", new JsonObject().put("meta", new JsonObject().put("c", "3"))), 400,
        "badRequest", "Request body and URI mismatch");
    assertFault(stack.put(path + "/b", new JsonObject().put("meta", new JsonObject().put("b", "3").put("c", "4"))),
        400, "badRequest", "Request body contains too many items");

    HttpResponse<Buffer> deleted = stack.delete(path + "/a");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.bodyAsString()).isNullOrEmpty();
    assertFault(stack.delete(path + "/a"), 404, "itemNotFound", "Volume " + id + " has no metadata with key a.");

    HttpResponse<Buffer> replaced = stack.put(path, new JsonObject().put("metadata", new JsonObject().put("z", "9")));
    assertThat(replaced.bodyAsJsonObject().getJsonObject("metadata").getMap()).containsExactly(Map.entry("z", "9"));
    assertThat(join(stack.db().volumes().get(id)).metadata()).containsExactly(Map.entry("z", "9"));
  }

  @Test
  void fromMicroversion315TheListingCarriesAnEtagThatGuardsReplacement() throws Exception {
    String id = volume("etag", new JsonObject().put("a", "b"));
    String path = "/volumes/" + id + "/metadata";
    assertThat(stack.get(path).getHeader("Etag")).isNull();

    HttpResponse<Buffer> listed = stack.get(path, MV, "volume 3.15");
    String etag = listed.getHeader("Etag");
    assertThat(etag).isEqualTo(MetadataEtag.of(Map.of("a", "b"))).isEqualTo("9ee9db81deeab2410feda04edb7e27ad");

    JsonObject replacement = new JsonObject().put("metadata", new JsonObject().put("c", "d"));
    assertThat(stack.put(path, replacement, MV, "volume 3.15", "If-Match", "stale").statusCode()).isEqualTo(412);
    assertThat(join(stack.db().volumes().get(id)).metadata()).containsExactly(Map.entry("a", "b"));
    // before 3.15 If-Match means nothing
    assertThat(stack.put(path, replacement, "If-Match", "stale").statusCode()).isEqualTo(200);
    String now = stack.get(path, MV, "volume 3.15").getHeader("Etag");
    assertThat(stack.put(path, new JsonObject().put("metadata", new JsonObject()), MV, "volume 3.15", "If-Match",
        now).statusCode()).isEqualTo(200);
    assertThat(join(stack.db().volumes().get(id)).metadata()).isEmpty();
  }

  @Test
  void metadataIsFrozenInMaintenance() throws Exception {
    String id = volume("frozen", new JsonObject().put("a", "b"));
    join(stack.db().volumes().update(id, Map.of("status", "maintenance")));
    String path = "/volumes/" + id + "/metadata";
    assertFault(stack.post(path, new JsonObject().put("metadata", new JsonObject().put("c", "d"))), 400,
        "badRequest", "Invalid volume: Updating volume metadata is not allowed for volumes in maintenance status.");
    assertFault(stack.delete(path + "/a"), 400, "badRequest",
        "Invalid volume: Deleting volume metadata is not allowed for volumes in maintenance status.");
    assertThat(stack.get(path).statusCode()).isEqualTo(200);
  }

  @Test
  void clearingFifteenThousandMetadataKeysIsOneStatementAndLeavesTheNeighbourAlone() throws Exception {
    String id = volume("crowded", new JsonObject());
    String neighbour = volume("neighbour", new JsonObject().put("stays", "1"));
    Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 15_000; i++) {
      many.put("key-" + i, "value-" + i);
    }
    // through the repository: the API caps new metadata, but a volume may hold more from before the cap
    long filling = System.nanoTime();
    join(stack.db().volumes().setMetadata(id, many, true));
    long filled = System.nanoTime();

    HttpResponse<Buffer> cleared = stack.put("/volumes/" + id + "/metadata", new JsonObject().put("metadata",
        new JsonObject()));
    long done = System.nanoTime();

    assertThat(cleared.statusCode()).as(cleared.bodyAsString()).isEqualTo(200);
    assertThat(cleared.bodyAsJsonObject()).isEqualTo(new JsonObject().put("metadata", new JsonObject()));
    assertThat(join(stack.db().volumes().get(id)).metadata()).isEmpty();
    assertThat(join(stack.db().volumes().get(neighbour)).metadata()).containsExactly(Map.entry("stays", "1"));
    var live = join(stack.db().pool().preparedQuery("SELECT COUNT(*) FROM volume_metadata WHERE volume_id = ?"
        + " AND deleted = FALSE").execute(io.vertx.sqlclient.Tuple.of(id))).iterator().next().getValue(0);
    assertThat(((Number) live).intValue()).isZero();
    // for the record, not asserted (machines differ): the old one-UPDATE-per-key path took 55 s
    System.out.printf("15000 metadata keys: written in %d ms, cleared through the API in %d ms%n",
        (filled - filling) / 1_000_000, (done - filled) / 1_000_000);
  }
}
