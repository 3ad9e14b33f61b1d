package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.TooManyItemsException;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;

/**
 * A volume's user metadata (volume_api.get/update/delete_volume_metadata): readable in any state, not
 * changeable while the volume is in {@code maintenance} or {@code uploading}.
 */
public final class VolumeMetadataApi {

  private static final List<String> FROZEN = WireEnum.wires(VolumeStatus.MAINTENANCE, VolumeStatus.UPLOADING);

  private final VolumeApi volumes;
  private final Database db;
  private final int maxItems;

  public VolumeMetadataApi(ApiEnvironment env, VolumeApi volumes) {
    this.volumes = volumes;
    this.db = env.db();
    this.maxItems = env.options().maxVolumeMetadataItems();
  }

  /** The volume's metadata (404 when the volume is unknown). */
  public Future<Map<String, String>> get(ApiContext ctx, String volumeId) {
    return volumes.get(ctx, volumeId).compose(v -> ApiErrors.translated(db.volumes().getMetadata(v.id())));
  }

  /**
   * Merges {@code values} in, or with {@code replace} makes the metadata exactly them; returns the result. More
   * than {@code emulator_max_volume_metadata_items} items in the result is a 413, as Cinder answers its
   * InvalidVolumeMetadataSize here.
   */
  public Future<Map<String, String>> update(ApiContext ctx, String volumeId, Map<String, String> values,
      boolean replace) {
    return volumes.get(ctx, volumeId).compose(v -> {
      if (FROZEN.contains(v.status())) {
        return Future.failedFuture(frozen("Updating", v));
      }
      return ApiErrors.translated(db.volumes().setMetadata(v.id(), values, replace, maxItems)
          .recover(e -> Future.failedFuture(e instanceof TooManyItemsException t ? tooMany(t.limit(), 413) : e)));
    });
  }

  /** Removes one key: 404 (VolumeMetadataNotFound) when the volume has no such key. */
  public Future<Void> delete(ApiContext ctx, String volumeId, String key) {
    return volumes.get(ctx, volumeId).compose(v -> db.volumes().getMetadata(v.id()).compose(current -> {
      if (!current.containsKey(key)) {
        return Future.failedFuture(notFound(v.id(), key));
      }
      if (FROZEN.contains(v.status())) {
        return Future.failedFuture(frozen("Deleting", v));
      }
      return ApiErrors.translated(db.volumes().deleteMetadata(v.id(), key)).<Void>mapEmpty();
    }));
  }

  /** Cinder's VolumeMetadataNotFound. */
  public static ApiException notFound(String volumeId, String key) {
    return ApiException.notFound("Volume " + volumeId + " has no metadata with key " + key + ".");
  }

  /**
   * Cinder's InvalidVolumeMetadataSize text for a volume past the item limit: 413 from the metadata API and
   * volume update (HTTPRequestEntityTooLarge), 400 from volume create (an Invalid).
   */
  public static ApiException tooMany(int limit, int status) {
    String message = "Invalid metadata size: A volume may have at most " + limit + " metadata items.";
    return status == 413 ? ApiException.overLimit(message) : ApiException.badRequest(message);
  }

  private static ApiException frozen(String verb, Volume v) {
    return ApiException.badRequest("Invalid volume: " + verb + " volume metadata is not allowed for volumes in "
        + v.status() + " status.");
  }
}
