package org.cinderemu.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scheduling decision needs from Cinder's {@code request_spec} and {@code filter_properties}
 * (docs/cinder-reference.md §6.1, §6.3, §6.4), already decoded by the caller.
 *
 * @param resourceId        {@code volume_id} (or the snapshot/group id) for error messages; may be null
 * @param resourceKind      {@code volume}, {@code snapshot} or {@code group}: names the resource in "Cannot place"
 * @param size              {@code volume_properties.size} in GB (the current size when extending)
 * @param newSize           extend only: the requested size; null otherwise
 * @param availabilityZones {@code request_spec.availability_zones}; empty when absent
 * @param availabilityZone  {@code resource_properties.availability_zone}; may be null
 * @param extraSpecs        the volume type's {@code extra_specs}, in order; empty when untyped
 * @param resourceBackend   {@code request_spec.resource_backend} (clone/snapshot source); may be null
 * @param multiattach       {@code volume_properties.multiattach}: adds {@code multiattach='<is> True'}
 * @param volumeInUse       extend of an attached volume: needs {@code online_extend_support}
 * @param filterProperties  the {@code filter_properties} received (may carry {@code retry},
 *                          {@code vol_exists_on}, {@code scheduler_hints}); never null
 */
public record SchedulingRequest(
    String resourceId,
    String resourceKind,
    long size,
    Long newSize,
    List<String> availabilityZones,
    String availabilityZone,
    Map<String, String> extraSpecs,
    String resourceBackend,
    boolean multiattach,
    boolean volumeInUse,
    JsonObject filterProperties) {

  public SchedulingRequest {
    resourceKind = resourceKind == null ? "volume" : resourceKind;
    availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
    // extra spec values may be null, which Map.copyOf refuses
    extraSpecs = extraSpecs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraSpecs));
    filterProperties = filterProperties == null ? new JsonObject() : filterProperties.copy();
  }

  /** A copy: the request stays immutable. */
  @Override
  public JsonObject filterProperties() {
    return filterProperties.copy();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A volume create of {@code size} GB for volume {@code volumeId}. */
  public static Builder forVolume(String volumeId, long size) {
    return new Builder().resourceId(volumeId).size(size);
  }

  /** {@code new_size - size} when extending, else {@code size} (0 means manage: always fits). */
  public long requestedSize() {
    return newSize != null && newSize != 0 ? newSize - size : size;
  }

  /** {@code filter_properties.vol_exists_on}: the backend a retyped volume already lives on. */
  public String volExistsOn() {
    Object v = filterProperties.getValue("vol_exists_on");
    return v == null ? null : PyValues.str(v);
  }

  /** {@code filter_properties.retry}, or null when retries are off or not yet populated. */
  public JsonObject retry() {
    Object r = filterProperties.getValue("retry");
    return r instanceof JsonObject o ? o.copy() : null;
  }

  public SchedulingRequest withFilterProperties(JsonObject properties) {
    return new SchedulingRequest(resourceId, resourceKind, size, newSize, availabilityZones, availabilityZone,
        extraSpecs, resourceBackend, multiattach, volumeInUse, properties);
  }

  public SchedulingRequest withExtraSpecs(Map<String, String> specs) {
    return new SchedulingRequest(resourceId, resourceKind, size, newSize, availabilityZones, availabilityZone,
        specs, resourceBackend, multiattach, volumeInUse, filterProperties);
  }

  /** Builder: most requests set only a few of the fields. */
  public static final class Builder {
    private String resourceId;
    private String resourceKind = "volume";
    private long size;
    private Long newSize;
    private List<String> availabilityZones = new ArrayList<>();
    private String availabilityZone;
    private Map<String, String> extraSpecs = new LinkedHashMap<>();
    private String resourceBackend;
    private boolean multiattach;
    private boolean volumeInUse;
    private JsonObject filterProperties = new JsonObject();

    public Builder resourceId(String id) {
      this.resourceId = id;
      return this;
    }

    public Builder resourceKind(String kind) {
      this.resourceKind = kind;
      return this;
    }

    public Builder size(long gb) {
      this.size = gb;
      return this;
    }

    public Builder newSize(Long gb) {
      this.newSize = gb;
      return this;
    }

    public Builder availabilityZones(List<String> zones) {
      this.availabilityZones = zones == null ? new ArrayList<>() : new ArrayList<>(zones);
      return this;
    }

    public Builder availabilityZone(String zone) {
      this.availabilityZone = zone;
      return this;
    }

    public Builder extraSpecs(Map<String, String> specs) {
      this.extraSpecs = specs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(specs);
      return this;
    }

    /** From a decoded {@code volume_type.extra_specs} object; non-string values are printed as Python would. */
    public Builder extraSpecs(JsonObject specs) {
      this.extraSpecs = new LinkedHashMap<>();
      if (specs != null) {
        specs.forEach(e -> extraSpecs.put(e.getKey(), e.getValue() == null ? null : PyValues.str(e.getValue())));
      }
      return this;
    }

    public Builder extraSpec(String key, String value) {
      this.extraSpecs.put(key, value);
      return this;
    }

    public Builder resourceBackend(String backend) {
      this.resourceBackend = backend;
      return this;
    }

    public Builder multiattach(boolean value) {
      this.multiattach = value;
      return this;
    }

    public Builder volumeInUse(boolean value) {
      this.volumeInUse = value;
      return this;
    }

    public Builder filterProperties(JsonObject properties) {
      this.filterProperties = properties == null ? new JsonObject() : properties;
      return this;
    }

    public SchedulingRequest build() {
      return new SchedulingRequest(resourceId, resourceKind, size, newSize, availabilityZones, availabilityZone,
          extraSpecs, resourceBackend, multiattach, volumeInUse, filterProperties);
    }
  }
}
