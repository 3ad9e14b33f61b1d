package org.cinderemu.common.db;

/** The row cannot go while others still use it (Cinder's VolumeTypeInUse). */
public class InUseException extends RuntimeException {

  public InUseException(String message) {
    super(message);
  }
}
