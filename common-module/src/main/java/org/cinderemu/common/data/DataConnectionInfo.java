package org.cinderemu.common.data;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;

/**
 * The connection info {@code initialize_connection} returns for an emulated volume, Cinder-shaped
 * ({@code {"driver_volume_type": ..., "data": {...}}}) but network-reachable: a URL on the volume service's data
 * endpoint plus the attachment's token, instead of the {@code device_path} of a "local" connection.
 */
public record DataConnectionInfo(String url, String token, String volumeId, long sizeBytes, String accessMode) {

  public DataConnectionInfo {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    DataProtocol.requireValidVolumeId(volumeId);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("negative size_bytes " + sizeBytes);
    }
    accessMode = accessMode == null ? "rw" : accessMode;
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("volume data url must be http://host:port/...: " + url);
    }
  }

  /** The full connection info object, as the volume service returns it over RPC. */
  public JsonObject toJson() {
    JsonObject data = new JsonObject()
        .put("url", url)
        .put("token", token)
        .put("volume_id", volumeId)
        .put("size_bytes", sizeBytes)
        .put("access_mode", accessMode)
        .put("encrypted", false)
        .put("cacheable", false)
        .putNull("qos_specs");
    return new JsonObject().put("driver_volume_type", DataProtocol.DRIVER_VOLUME_TYPE).put("data", data);
  }

  /** Reads a connection info object; refuses other driver types (e.g. a real Cinder's "local" or "iscsi"). */
  public static DataConnectionInfo fromJson(JsonObject connectionInfo) {
    Objects.requireNonNull(connectionInfo, "connection info");
    String type = connectionInfo.getString("driver_volume_type");
    if (!DataProtocol.DRIVER_VOLUME_TYPE.equals(type)) {
      throw new IllegalArgumentException("cannot attach driver_volume_type '" + type + "': only '"
          + DataProtocol.DRIVER_VOLUME_TYPE + "' connections are supported");
    }
    JsonObject data = connectionInfo.getJsonObject("data");
    if (data == null || data.getString("url") == null || data.getString("token") == null) {
      throw new IllegalArgumentException("connection info lacks data.url or data.token: " + connectionInfo.encode());
    }
    Number size = data.getNumber("size_bytes");
    return new DataConnectionInfo(data.getString("url"), data.getString("token"), data.getString("volume_id"),
        size == null ? 0 : size.longValue(), data.getString("access_mode"));
  }

  /** Tokens are credentials: keep them out of logs. */
  @Override
  public String toString() {
    return "DataConnectionInfo[url=" + url + ", volumeId=" + volumeId + ", sizeBytes=" + sizeBytes
        + ", accessMode=" + accessMode + ", token=***]";
  }
}
