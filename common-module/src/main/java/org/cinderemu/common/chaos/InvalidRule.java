package org.cinderemu.common.chaos;

/** A message rule that cannot be used as given; the admin endpoint answers 400 with the message. */
public final class InvalidRule extends IllegalArgumentException {

  public InvalidRule(String message) {
    super(message);
  }
}
