package org.cinderemu.deploy.topology;

import org.cinderemu.deploy.LaunchException;

/** A topology (flags or file) that cannot be run; `up` prints the message and starts nothing. */
public final class TopologyException extends LaunchException {

  public TopologyException(String message) {
    super(message);
  }
}
