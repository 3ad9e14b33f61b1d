package org.cinderemu.common.objects;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.common.objects.fields.VolumeAttachStatus;

/**
 * A row of {@code volumes} with its metadata, admin metadata and volume type: the fields of Cinder's
 * Volume object 1.9, in the order its primitive lists them ({@code _name_id} is {@link #nameId()}).
 * Attachments are not modelled; the primitive always carries an empty {@code volume_attachment} list.
 */
public record Volume(
    String id,
    String nameId,
    String ec2Id,
    String userId,
    String projectId,
    boolean useQuota,
    String snapshotId,
    String clusterName,
    String host,
    Integer size,
    String availabilityZone,
    String status,
    String attachStatus,
    String migrationStatus,
    LocalDateTime scheduledAt,
    LocalDateTime launchedAt,
    LocalDateTime terminatedAt,
    String displayName,
    String displayDescription,
    String providerId,
    String providerLocation,
    String providerAuth,
    String providerGeometry,
    String volumeTypeId,
    String sourceVolid,
    String encryptionKeyId,
    String consistencygroupId,
    String groupId,
    boolean deleted,
    boolean bootable,
    boolean multiattach,
    String replicationStatus,
    String replicationExtendedStatus,
    String replicationDriverData,
    String previousStatus,
    Map<String, String> metadata,
    Map<String, String> adminMetadata,
    VolumeType volumeType,
    String serviceUuid,
    boolean sharedTargets,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime deletedAt) {

  public Volume {
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    adminMetadata = adminMetadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(adminMetadata));
  }

  /** Cinder's {@code volume.name}: {@code volume-<_name_id or id>}, the name the backend knows. */
  public String name() {
    return "volume-" + (nameId != null ? nameId : id);
  }

  /** Cinder's {@code service_topic_queue}: the cluster if clustered, else the host; RPC routes on it. */
  public String serviceTopicQueue() {
    return clusterName != null && !clusterName.isEmpty() ? clusterName : host;
  }

  public boolean isClustered() {
    return clusterName != null && !clusterName.isEmpty();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.nameId = nameId;
    b.ec2Id = ec2Id;
    b.userId = userId;
    b.projectId = projectId;
    b.useQuota = useQuota;
    b.snapshotId = snapshotId;
    b.clusterName = clusterName;
    b.host = host;
    b.size = size;
    b.availabilityZone = availabilityZone;
    b.status = status;
    b.attachStatus = attachStatus;
    b.migrationStatus = migrationStatus;
    b.scheduledAt = scheduledAt;
    b.launchedAt = launchedAt;
    b.terminatedAt = terminatedAt;
    b.displayName = displayName;
    b.displayDescription = displayDescription;
    b.providerId = providerId;
    b.providerLocation = providerLocation;
    b.providerAuth = providerAuth;
    b.providerGeometry = providerGeometry;
    b.volumeTypeId = volumeTypeId;
    b.sourceVolid = sourceVolid;
    b.encryptionKeyId = encryptionKeyId;
    b.consistencygroupId = consistencygroupId;
    b.groupId = groupId;
    b.deleted = deleted;
    b.bootable = bootable;
    b.multiattach = multiattach;
    b.replicationStatus = replicationStatus;
    b.replicationExtendedStatus = replicationExtendedStatus;
    b.replicationDriverData = replicationDriverData;
    b.previousStatus = previousStatus;
    b.metadata = metadata;
    b.adminMetadata = adminMetadata;
    b.volumeType = volumeType;
    b.serviceUuid = serviceUuid;
    b.sharedTargets = sharedTargets;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deletedAt = deletedAt;
    return b;
  }

  /** Mutable builder; Volume itself stays immutable. */
  public static final class Builder {
    private String id;
    private String nameId;
    private String ec2Id;
    private String userId;
    private String projectId;
    private boolean useQuota = true;
    private String snapshotId;
    private String clusterName;
    private String host;
    private Integer size;
    private String availabilityZone;
    private String status;
    private String attachStatus = VolumeAttachStatus.DETACHED.wire();
    private String migrationStatus;
    private LocalDateTime scheduledAt;
    private LocalDateTime launchedAt;
    private LocalDateTime terminatedAt;
    private String displayName;
    private String displayDescription;
    private String providerId;
    private String providerLocation;
    private String providerAuth;
    private String providerGeometry;
    private String volumeTypeId;
    private String sourceVolid;
    private String encryptionKeyId;
    private String consistencygroupId;
    private String groupId;
    private boolean deleted;
    private boolean bootable;
    private boolean multiattach;
    private String replicationStatus;
    private String replicationExtendedStatus;
    private String replicationDriverData;
    private String previousStatus;
    private Map<String, String> metadata;
    private Map<String, String> adminMetadata;
    private VolumeType volumeType;
    private String serviceUuid;
    private boolean sharedTargets = true;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
    private LocalDateTime deletedAt;

    private Builder() {
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder nameId(String nameId) {
      this.nameId = nameId;
      return this;
    }

    public Builder ec2Id(String ec2Id) {
      this.ec2Id = ec2Id;
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

    public Builder useQuota(boolean useQuota) {
      this.useQuota = useQuota;
      return this;
    }

    public Builder snapshotId(String snapshotId) {
      this.snapshotId = snapshotId;
      return this;
    }

    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder size(Integer size) {
      this.size = size;
      return this;
    }

    public Builder availabilityZone(String availabilityZone) {
      this.availabilityZone = availabilityZone;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder attachStatus(String attachStatus) {
      this.attachStatus = attachStatus;
      return this;
    }

    public Builder migrationStatus(String migrationStatus) {
      this.migrationStatus = migrationStatus;
      return this;
    }

    public Builder scheduledAt(LocalDateTime scheduledAt) {
      this.scheduledAt = scheduledAt;
      return this;
    }

    public Builder launchedAt(LocalDateTime launchedAt) {
      this.launchedAt = launchedAt;
      return this;
    }

    public Builder terminatedAt(LocalDateTime terminatedAt) {
      this.terminatedAt = terminatedAt;
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

    public Builder providerId(String providerId) {
      this.providerId = providerId;
      return this;
    }

    public Builder providerLocation(String providerLocation) {
      this.providerLocation = providerLocation;
      return this;
    }

    public Builder providerAuth(String providerAuth) {
      this.providerAuth = providerAuth;
      return this;
    }

    public Builder providerGeometry(String providerGeometry) {
      this.providerGeometry = providerGeometry;
      return this;
    }

    public Builder volumeTypeId(String volumeTypeId) {
      this.volumeTypeId = volumeTypeId;
      return this;
    }

    public Builder sourceVolid(String sourceVolid) {
      this.sourceVolid = sourceVolid;
      return this;
    }

    public Builder encryptionKeyId(String encryptionKeyId) {
      this.encryptionKeyId = encryptionKeyId;
      return this;
    }

    public Builder consistencygroupId(String consistencygroupId) {
      this.consistencygroupId = consistencygroupId;
      return this;
    }

    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    public Builder deleted(boolean deleted) {
      this.deleted = deleted;
      return this;
    }

    public Builder bootable(boolean bootable) {
      this.bootable = bootable;
      return this;
    }

    public Builder multiattach(boolean multiattach) {
      this.multiattach = multiattach;
      return this;
    }

    public Builder replicationStatus(String replicationStatus) {
      this.replicationStatus = replicationStatus;
      return this;
    }

    public Builder replicationExtendedStatus(String replicationExtendedStatus) {
      this.replicationExtendedStatus = replicationExtendedStatus;
      return this;
    }

    public Builder replicationDriverData(String replicationDriverData) {
      this.replicationDriverData = replicationDriverData;
      return this;
    }

    public Builder previousStatus(String previousStatus) {
      this.previousStatus = previousStatus;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder adminMetadata(Map<String, String> adminMetadata) {
      this.adminMetadata = adminMetadata;
      return this;
    }

    public Builder volumeType(VolumeType volumeType) {
      this.volumeType = volumeType;
      return this;
    }

    public Builder serviceUuid(String serviceUuid) {
      this.serviceUuid = serviceUuid;
      return this;
    }

    public Builder sharedTargets(boolean sharedTargets) {
      this.sharedTargets = sharedTargets;
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

    public Volume build() {
      return new Volume(id, nameId, ec2Id, userId, projectId, useQuota, snapshotId, clusterName, host, size,
          availabilityZone, status, attachStatus, migrationStatus, scheduledAt, launchedAt, terminatedAt,
          displayName, displayDescription, providerId, providerLocation, providerAuth, providerGeometry,
          volumeTypeId, sourceVolid, encryptionKeyId, consistencygroupId, groupId, deleted, bootable,
          multiattach, replicationStatus, replicationExtendedStatus, replicationDriverData, previousStatus,
          metadata, adminMetadata, volumeType, serviceUuid, sharedTargets, createdAt, updatedAt, deletedAt);
    }
  }
}
