package org.cinderemu.deploy.chaos.run;

/** An action that could not be carried out; the journal records why and the verdict fails on it. */
final class ActionFailed extends RuntimeException {
  ActionFailed(String message) {
    super(message);
  }
}
