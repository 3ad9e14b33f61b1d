package org.cinderemu.deploy.chaos;

import org.cinderemu.deploy.LaunchException;

/**
 * A broker fault that cannot be done here (no such child, a remote broker, a refusal): one message for the
 * operator, printed by the launcher without a stack trace.
 */
public final class ChaosException extends LaunchException {

  public ChaosException(String message) {
    super(message);
  }

  public ChaosException(String message, Throwable cause) {
    super(message, cause);
  }
}
