package org.cinderemu.common.objects.fields;

import java.util.Optional;

/** Cinder's ReplicationStatus: {@code volumes.replication_status} and {@code services.replication_status}. */
public enum ReplicationStatus implements WireEnum {
  ERROR("error"),
  ENABLED("enabled"),
  DISABLED("disabled"),
  NOT_CAPABLE("not-capable"),
  FAILING_OVER("failing-over"),
  FAILOVER_ERROR("failover-error"),
  FAILED_OVER("failed-over"),
  ENABLING("enabling"),
  DISABLING("disabling");

  private final String wire;

  ReplicationStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<ReplicationStatus> fromWire(String value) {
    return WireEnum.fromWire(ReplicationStatus.class, value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
