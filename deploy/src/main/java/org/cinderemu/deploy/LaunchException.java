package org.cinderemu.deploy;

/** A launcher failure with a message meant for the operator: printed as is, without a stack trace. */
public class LaunchException extends RuntimeException {
  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
