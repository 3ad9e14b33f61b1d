package org.cinderemu.common.objects.fields;

import java.util.Optional;

/** Cinder's VolumeStatus: {@code volumes.status}. */
public enum VolumeStatus implements WireEnum {
  CREATING("creating"),
  AVAILABLE("available"),
  DELETING("deleting"),
  ERROR("error"),
  ERROR_DELETING("error_deleting"),
  ERROR_MANAGING("error_managing"),
  MANAGING("managing"),
  ATTACHING("attaching"),
  IN_USE("in-use"),
  DETACHING("detaching"),
  MAINTENANCE("maintenance"),
  RESTORING_BACKUP("restoring-backup"),
  ERROR_RESTORING("error_restoring"),
  RESERVED("reserved"),
  AWAITING_TRANSFER("awaiting-transfer"),
  BACKING_UP("backing-up"),
  ERROR_BACKING_UP("error_backing-up"),
  ERROR_EXTENDING("error_extending"),
  DOWNLOADING("downloading"),
  UPLOADING("uploading"),
  RETYPING("retyping"),
  EXTENDING("extending");

  private final String wire;

  VolumeStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<VolumeStatus> fromWire(String value) {
    return WireEnum.fromWire(VolumeStatus.class, value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
