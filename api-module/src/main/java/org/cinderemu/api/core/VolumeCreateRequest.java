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
 */
public record VolumeCreateRequest(
    Integer size,
    String name,
    String description,
    String volumeType,
    String availabilityZone,
    Map<String, String> metadata,
    JsonObject schedulerHints) {

  public VolumeCreateRequest {
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
