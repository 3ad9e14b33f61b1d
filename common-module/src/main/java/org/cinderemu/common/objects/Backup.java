package org.cinderemu.common.objects;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of {@code backups} with its metadata: the fields of Cinder's Backup object 1.7 in primitive order
 * (the lazy {@code parent} object is not modelled, {@link #parentId()} is).
 */
public record Backup(
    String id,
    String userId,
    String projectId,
    String volumeId,
    String host,
    String availabilityZone,
    String container,
    String parentId,
    String status,
    String failReason,
    Integer size,
    String displayName,
    String displayDescription,
    String serviceMetadata,
    String service,
    int objectCount,
    String tempVolumeId,
    String tempSnapshotId,
    int numDependentBackups,
    String snapshotId,
    LocalDateTime dataTimestamp,
    String restoreVolumeId,
    Map<String, String> metadata,
    String encryptionKeyId,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime deletedAt,
    boolean deleted) {

  public Backup {
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Cinder's {@code is_incremental}: a backup with a parent. */
  public boolean isIncremental() {
    return parentId != null;
  }

  /** Cinder's {@code has_dependent_backups}. */
  public boolean hasDependentBackups() {
    return numDependentBackups > 0;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.userId = userId;
    b.projectId = projectId;
    b.volumeId = volumeId;
    b.host = host;
    b.availabilityZone = availabilityZone;
    b.container = container;
    b.parentId = parentId;
    b.status = status;
    b.failReason = failReason;
    b.size = size;
    b.displayName = displayName;
    b.displayDescription = displayDescription;
    b.serviceMetadata = serviceMetadata;
    b.service = service;
    b.objectCount = objectCount;
    b.tempVolumeId = tempVolumeId;
    b.tempSnapshotId = tempSnapshotId;
    b.numDependentBackups = numDependentBackups;
    b.snapshotId = snapshotId;
    b.dataTimestamp = dataTimestamp;
    b.restoreVolumeId = restoreVolumeId;
    b.metadata = metadata;
    b.encryptionKeyId = encryptionKeyId;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deletedAt = deletedAt;
    b.deleted = deleted;
    return b;
  }

  /** Mutable builder; Backup itself stays immutable. */
  public static final class Builder {
    private String id;
    private String userId;
    private String projectId;
    private String volumeId;
    private String host;
    private String availabilityZone;
    private String container;
    private String parentId;
    private String status;
    private String failReason;
    private Integer size;
    private String displayName;
    private String displayDescription;
    private String serviceMetadata;
    private String service;
    private int objectCount;
    private String tempVolumeId;
    private String tempSnapshotId;
    private int numDependentBackups;
    private String snapshotId;
    private LocalDateTime dataTimestamp;
    private String restoreVolumeId;
    private Map<String, String> metadata;
    private String encryptionKeyId;
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

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder projectId(String projectId) {
      this.projectId = projectId;
      return this;
    }

    public Builder volumeId(String volumeId) {
      this.volumeId = volumeId;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder availabilityZone(String availabilityZone) {
      this.availabilityZone = availabilityZone;
      return this;
    }

    public Builder container(String container) {
      this.container = container;
      return this;
    }

    public Builder parentId(String parentId) {
      this.parentId = parentId;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder failReason(String failReason) {
      this.failReason = failReason;
      return this;
    }

    public Builder size(Integer size) {
      this.size = size;
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder displayDescription(String displayDescription) {
      this.displayDescription = displayDescription;
      return this;
    }

    public Builder serviceMetadata(String serviceMetadata) {
      this.serviceMetadata = serviceMetadata;
      return this;
    }

    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder objectCount(int objectCount) {
      this.objectCount = objectCount;
      return this;
    }

    public Builder tempVolumeId(String tempVolumeId) {
      this.tempVolumeId = tempVolumeId;
      return this;
    }

    public Builder tempSnapshotId(String tempSnapshotId) {
      this.tempSnapshotId = tempSnapshotId;
      return this;
    }

    public Builder numDependentBackups(int numDependentBackups) {
      this.numDependentBackups = numDependentBackups;
      return this;
    }

    public Builder snapshotId(String snapshotId) {
      this.snapshotId = snapshotId;
      return this;
    }

    public Builder dataTimestamp(LocalDateTime dataTimestamp) {
      this.dataTimestamp = dataTimestamp;
      return this;
    }

    public Builder restoreVolumeId(String restoreVolumeId) {
      this.restoreVolumeId = restoreVolumeId;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder encryptionKeyId(String encryptionKeyId) {
      this.encryptionKeyId = encryptionKeyId;
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

    public Backup build() {
      return new Backup(id, userId, projectId, volumeId, host, availabilityZone, container, parentId, status,
          failReason, size, displayName, displayDescription, serviceMetadata, service, objectCount,
          tempVolumeId, tempSnapshotId, numDependentBackups, snapshotId, dataTimestamp, restoreVolumeId,
          metadata, encryptionKeyId, createdAt, updatedAt, deletedAt, deleted);
    }
  }
}
