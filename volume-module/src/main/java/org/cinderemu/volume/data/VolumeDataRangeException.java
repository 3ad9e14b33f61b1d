package org.cinderemu.volume.data;

/** A read or write reaching outside the volume. */
public class VolumeDataRangeException extends RuntimeException {

  public VolumeDataRangeException(String volumeId, long size, long offset, long length) {
    super("range [" + offset + ", " + (offset + length) + ") outside volume " + volumeId + " of " + size + " bytes");
  }
}
