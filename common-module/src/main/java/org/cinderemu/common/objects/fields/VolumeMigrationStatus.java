package org.cinderemu.common.objects.fields;

import java.util.Optional;

/** Cinder's VolumeMigrationStatus: {@code volumes.migration_status} (null when never migrated). */
public enum VolumeMigrationStatus implements WireEnum {
  MIGRATING("migrating"),
  ERROR("error"),
  SUCCESS("success"),
  COMPLETING("completing"),
  NONE("none"),
  STARTING("starting");

  private final String wire;

  VolumeMigrationStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<VolumeMigrationStatus> fromWire(String value) {
    return WireEnum.fromWire(VolumeMigrationStatus.class, value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
