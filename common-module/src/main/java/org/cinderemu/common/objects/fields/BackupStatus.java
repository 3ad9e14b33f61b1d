package org.cinderemu.common.objects.fields;

import java.util.Optional;

/** Cinder's BackupStatus: {@code backups.status}. */
public enum BackupStatus implements WireEnum {
  ERROR("error"),
  ERROR_DELETING("error_deleting"),
  CREATING("creating"),
  AVAILABLE("available"),
  DELETING("deleting"),
  DELETED("deleted"),
  RESTORING("restoring");

  private final String wire;

  BackupStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<BackupStatus> fromWire(String value) {
    return WireEnum.fromWire(BackupStatus.class, value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
