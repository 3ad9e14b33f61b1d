package org.cinderemu.common.objects.fields;

import java.util.Optional;

/** Cinder's VolumeAttachStatus: {@code volumes.attach_status} and attachments' {@code attach_status}. */
public enum VolumeAttachStatus implements WireEnum {
  ATTACHED("attached"),
  ATTACHING("attaching"),
  DETACHED("detached"),
  RESERVED("reserved"),
  ERROR_ATTACHING("error_attaching"),
  ERROR_DETACHING("error_detaching"),
  DELETED("deleted");

  private final String wire;

  VolumeAttachStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<VolumeAttachStatus> fromWire(String value) {
    return WireEnum.fromWire(VolumeAttachStatus.class, value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
