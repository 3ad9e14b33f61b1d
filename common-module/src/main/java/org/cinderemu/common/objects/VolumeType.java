package org.cinderemu.common.objects;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row of {@code volume_types} with its extra specs (Cinder's VolumeType object 1.3). {@code projects}
 * is null when not loaded: Cinder's primitive nests the type without it inside a Volume and with it
 * inside a RequestSpec, and the codec follows that.
 */
public record VolumeType(
    String id,
    String name,
    String description,
    boolean isPublic,
    List<String> projects,
    Map<String, String> extraSpecs,
    String qosSpecsId,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime deletedAt,
    boolean deleted) {

  /** Name of the type Cinder's db sync creates and {@code default_volume_type} points at. */
  public static final String DEFAULT_NAME = "__DEFAULT__";

  public VolumeType {
    projects = projects == null ? null : List.copyOf(projects);
    extraSpecs = extraSpecs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraSpecs));
  }

  public VolumeType withProjects(List<String> projects) {
    return toBuilder().projects(projects).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.isPublic = isPublic;
    b.projects = projects;
    b.extraSpecs = extraSpecs;
    b.qosSpecsId = qosSpecsId;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deletedAt = deletedAt;
    b.deleted = deleted;
    return b;
  }

  /** Mutable builder; VolumeType itself stays immutable. */
  public static final class Builder {
    private String id;
    private String name;
    private String description;
    private boolean isPublic = true;
    private List<String> projects;
    private Map<String, String> extraSpecs;
    private String qosSpecsId;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
    private LocalDateTime deletedAt;
    private boolean deleted;

    private Builder() {
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder isPublic(boolean isPublic) {
      this.isPublic = isPublic;
      return this;
    }

    public Builder projects(List<String> projects) {
      this.projects = projects;
      return this;
    }

    public Builder extraSpecs(Map<String, String> extraSpecs) {
      this.extraSpecs = extraSpecs;
      return this;
    }

    public Builder qosSpecsId(String qosSpecsId) {
      this.qosSpecsId = qosSpecsId;
      return this;
    }

    public Builder createdAt(LocalDateTime createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(LocalDateTime updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder deletedAt(LocalDateTime deletedAt) {
      this.deletedAt = deletedAt;
      return this;
    }

    public Builder deleted(boolean deleted) {
      this.deleted = deleted;
      return this;
    }

    public VolumeType build() {
      return new VolumeType(id, name, description, isPublic, projects, extraSpecs, qosSpecsId, createdAt,
          updatedAt, deletedAt, deleted);
    }
  }
}
