package org.cinderemu.volume.data;

/** The store holds no data for this volume (never created, or deleted). */
public class NoSuchVolumeDataException extends RuntimeException {

  public NoSuchVolumeDataException(String volumeId) {
    super("no data for volume " + volumeId);
  }
}
