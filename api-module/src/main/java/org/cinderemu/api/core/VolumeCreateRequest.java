package org.cinderemu.api.core;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated {@code POST /volumes} body.
 *
 * @param size GB; null when the body had none (the API then refuses, as no source volume is supported)
 * @param volumeType a type name or id; null for the default type
 * @param availabilityZone null for the default zone
 * @param schedulerHints {@code OS-SCH-HNT:scheduler_hints}, or null
 * @param backupId the backup to restore into the new volume (3.47), or null for an empty volume
 */
public record VolumeCreateRequest(
    Integer size,
    String name,
    String description,
    String volumeType,
    String availabilityZone,
    Map<String, String> metadata,
    JsonObject schedulerHints,
    String backupId) {

  public VolumeCreateRequest {
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** An empty volume (no backup to restore). */
  public VolumeCreateRequest(Integer size, String name, String description, String volumeType,
      String availabilityZone, Map<String, String> metadata, JsonObject schedulerHints) {
    this(size, name, description, volumeType, availabilityZone, metadata, schedulerHints, null);
  }

  /** The same request with another size (a restore's size defaults to the backup's). */
  public VolumeCreateRequest withSize(Integer newSize) {
    return new VolumeCreateRequest(newSize, name, description, volumeType, availabilityZone, metadata,
        schedulerHints, backupId);
  }
}
