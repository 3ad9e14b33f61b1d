package org.cinderemu.common.objects;

import java.time.LocalDateTime;
import org.cinderemu.common.objects.fields.ReplicationStatus;

/**
 * A row of {@code services}: the fields of Cinder's Service object 1.6 in primitive order (the lazy
 * {@code cluster} object is not modelled, {@link #clusterName()} is). {@code id} is null until inserted.
 */
public record Service(
    Integer id,
    String host,
    String binary,
    String clusterName,
    String topic,
    int reportCount,
    boolean disabled,
    String availabilityZone,
    String disabledReason,
    LocalDateTime modifiedAt,
    String rpcCurrentVersion,
    String objectCurrentVersion,
    String replicationStatus,
    boolean frozen,
    String activeBackendId,
    String uuid,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime deletedAt,
    boolean deleted) {

  /** Cinder's {@code service_topic_queue}: the cluster if clustered, else the host. */
  public String serviceTopicQueue() {
    return clusterName != null && !clusterName.isEmpty() ? clusterName : host;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.host = host;
    b.binary = binary;
    b.clusterName = clusterName;
    b.topic = topic;
    b.reportCount = reportCount;
    b.disabled = disabled;
    b.availabilityZone = availabilityZone;
    b.disabledReason = disabledReason;
    b.modifiedAt = modifiedAt;
    b.rpcCurrentVersion = rpcCurrentVersion;
    b.objectCurrentVersion = objectCurrentVersion;
    b.replicationStatus = replicationStatus;
    b.frozen = frozen;
    b.activeBackendId = activeBackendId;
    b.uuid = uuid;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deletedAt = deletedAt;
    b.deleted = deleted;
    return b;
  }

  /** Mutable builder; Service itself stays immutable. */
  public static final class Builder {
    private Integer id;
    private String host;
    private String binary;
    private String clusterName;
    private String topic;
    private int reportCount;
    private boolean disabled;
    private String availabilityZone = "nova";
    private String disabledReason;
    private LocalDateTime modifiedAt;
    private String rpcCurrentVersion;
    private String objectCurrentVersion;
    private String replicationStatus = ReplicationStatus.NOT_CAPABLE.wire();
    private boolean frozen;
    private String activeBackendId;
    private String uuid;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
    private LocalDateTime deletedAt;
    private boolean deleted;

    private Builder() {
    }

    public Builder id(Integer id) {
      this.id = id;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder binary(String binary) {
      this.binary = binary;
      return this;
    }

    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    public Builder reportCount(int reportCount) {
      this.reportCount = reportCount;
      return this;
    }

    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    public Builder availabilityZone(String availabilityZone) {
      this.availabilityZone = availabilityZone;
      return this;
    }

    public Builder disabledReason(String disabledReason) {
      this.disabledReason = disabledReason;
      return this;
    }

    public Builder modifiedAt(LocalDateTime modifiedAt) {
      this.modifiedAt = modifiedAt;
      return this;
    }

    public Builder rpcCurrentVersion(String rpcCurrentVersion) {
      this.rpcCurrentVersion = rpcCurrentVersion;
      return this;
    }

    public Builder objectCurrentVersion(String objectCurrentVersion) {
      this.objectCurrentVersion = objectCurrentVersion;
      return this;
    }

    public Builder replicationStatus(String replicationStatus) {
      this.replicationStatus = replicationStatus;
      return this;
    }

    public Builder frozen(boolean frozen) {
      this.frozen = frozen;
      return this;
    }

    public Builder activeBackendId(String activeBackendId) {
      this.activeBackendId = activeBackendId;
      return this;
    }

    public Builder uuid(String uuid) {
      this.uuid = uuid;
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

    public Service build() {
      return new Service(id, host, binary, clusterName, topic, reportCount, disabled, availabilityZone,
          disabledReason, modifiedAt, rpcCurrentVersion, objectCurrentVersion, replicationStatus, frozen,
          activeBackendId, uuid, createdAt, updatedAt, deletedAt, deleted);
    }
  }
}
