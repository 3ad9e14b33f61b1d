package org.cinderemu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cinderemu.api.ApiStack.join;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.cinderemu.common.db.Dialect;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /volumes} with {@code backup_id} (3.47): the backup must exist and be available, the size
 * defaults to the backup's and may not be smaller, and the backup id travels in the request spec and in the
 * create_volume cast. Refusals write no row and take no quota.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeFromBackupApiIT {

  private static final String[] V347 = {"OpenStack-API-Version", "volume 3.47"};
  private static final String[] V346 = {"OpenStack-API-Version", "volume 3.46"};

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

  private Backup backup(String status, int size) throws Exception {
    return join(stack.db().backups().insert(Backup.builder().userId(ApiStack.USER).projectId(ApiStack.PROJECT)
        .volumeId(UUID.randomUUID().toString()).status(status).host("bk1").size(size).objectCount(1)
        .service("cinder.backup.drivers.posix.PosixBackupDriver").build()));
  }

  private static JsonObject body(String backupId, Integer size) {
    JsonObject v = new JsonObject().put("backup_id", backupId).put("name", "from-backup");
    if (size != null) {
      v.put("size", size);
    }
    return new JsonObject().put("volume", v);
  }

  private int volumeRows() throws Exception {
    return join(stack.db().volumes().list(ListQuery.builder().projectId(ApiStack.PROJECT).build())).size();
  }

  private static void assertFault(HttpResponse<Buffer> resp, int status, String name, String message) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    JsonObject fault = resp.bodyAsJsonObject().getJsonObject(name);
    assertThat(fault).as(resp.bodyAsString()).isNotNull();
    assertThat(fault.getInteger("code")).isEqualTo(status);
    if (message != null) {
      assertThat(fault.getString("message")).isEqualTo(message);
    }
  }

  @Test
  void aCreateFromABackupTakesItsSizeAndCarriesTheBackupIdToTheScheduler() throws Exception {
    Backup b = backup("available", 2);
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);

    HttpResponse<Buffer> resp = stack.post("/volumes", body(b.id(), null), V347);

    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    JsonObject v = resp.bodyAsJsonObject().getJsonObject("volume");
    assertThat(v.getString("status")).isEqualTo("creating");
    assertThat(v.getInteger("size")).isEqualTo(2);
    Volume row = join(stack.db().volumes().get(v.getString("id")));
    assertThat(row.size()).isEqualTo(2);
    Map<String, Integer> after = stack.inUse(ApiStack.PROJECT);
    assertThat(after.get("volumes")).isEqualTo(before.get("volumes") + 1);
    assertThat(after.get("gigabytes")).isEqualTo(before.get("gigabytes") + 2);
    // the API leaves the backup alone: the volume service claims it once the volume exists
    assertThat(join(stack.db().backups().get(b.id())).status()).isEqualTo("available");

    ApiStack.Received cast = createCastOf(row.id());
    assertThat(cast.args().getString("backup_id")).isEqualTo(b.id());
    JsonObject spec = cast.args().getJsonObject("request_spec").getJsonObject(VersionedObjects.DATA);
    assertThat(spec.getString("backup_id")).isEqualTo(b.id());
    assertThat(spec.getJsonObject("volume_properties").getJsonObject(VersionedObjects.DATA).getInteger("size"))
        .isEqualTo(2);
  }

  /** The create_volume cast the fake scheduler got for that volume (other tests cast too). */
  private ApiStack.Received createCastOf(String volumeId) {
    java.util.function.Predicate<ApiStack.Received> ofVolume = c -> c.method().equals("create_volume")
        && volumeId.equals(VersionedObjects.toVolume(c.args().getJsonObject("volume")).id());
    await().atMost(Duration.ofSeconds(15)).until(() -> stack.schedulerCasts.stream().anyMatch(ofVolume));
    return stack.schedulerCasts.stream().filter(ofVolume).findFirst().orElseThrow();
  }

  @Test
  void aLargerSizeThanTheBackupIsAccepted() throws Exception {
    Backup b = backup("available", 1);
    HttpResponse<Buffer> resp = stack.post("/volumes", body(b.id(), 3), V347);
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(202);
    assertThat(resp.bodyAsJsonObject().getJsonObject("volume").getInteger("size")).isEqualTo(3);
  }

  @Test
  void refusedCreatesFromABackupWriteNothing() throws Exception {
    int rows = volumeRows();
    Map<String, Integer> before = stack.inUse(ApiStack.PROJECT);

    String unknown = UUID.randomUUID().toString();
    assertFault(stack.post("/volumes", body(unknown, null), V347), 404, "itemNotFound",
        "Backup " + unknown + " could not be found.");

    Backup creating = backup("creating", 1);
    assertFault(stack.post("/volumes", body(creating.id(), null), V347), 400, "badRequest",
        "Invalid backup: Backup status must be available");

    Backup big = backup("available", 5);
    assertFault(stack.post("/volumes", body(big.id(), 2), V347), 400, "badRequest",
        "Invalid input received: Volume size 2GB cannot be smaller than the backup size 5GB. It must be >= "
            + "backup size.");

    // before 3.47 the emulator refuses the key rather than make an empty volume
    HttpResponse<Buffer> old = stack.post("/volumes", body(big.id(), 5), V346);
    assertThat(old.statusCode()).as(old.bodyAsString()).isEqualTo(501);

    assertThat(volumeRows()).isEqualTo(rows);
    assertThat(stack.inUse(ApiStack.PROJECT)).isEqualTo(before);
    assertThat(join(stack.db().backups().get(big.id())).status()).isEqualTo("available");
  }
}
