package org.cinderemu.common.db;

/** A live row with that unique value already exists (e.g. a volume type name: Cinder's VolumeTypeExists). */
public class DuplicateException extends RuntimeException {

  public DuplicateException(String message, Throwable cause) {
    super(message, cause);
  }
}
