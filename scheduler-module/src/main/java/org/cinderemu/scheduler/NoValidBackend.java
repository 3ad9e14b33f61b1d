package org.cinderemu.scheduler;

/**
 * Cinder's {@code NoValidBackend}: the message is {@code "No valid backend was found. " + reason}
 * (docs/cinder-reference.md §6.7). Callers map it to the volume/snapshot/migration error state of the operation.
 */
public final class NoValidBackend extends RuntimeException {

  public static final String NO_WEIGHED_BACKENDS = "No weighed backends available";

  private final String reason;

  public NoValidBackend(String reason) {
    super("No valid backend was found. " + reason);
    this.reason = reason;
  }

  /** The part after "No valid backend was found. ". */
  public String reason() {
    return reason;
  }

  static NoValidBackend noWeighedBackends() {
    return new NoValidBackend(NO_WEIGHED_BACKENDS);
  }

  static NoValidBackend exceededMaxAttempts(int maxAttempts, String resourceId) {
    return new NoValidBackend("Exceeded max scheduling attempts " + maxAttempts + " for resource "
        + (resourceId == null ? "None" : resourceId));
  }

  static NoValidBackend cannotPlace(String kind, String id, String backend) {
    return new NoValidBackend("Cannot place " + kind + " " + id + " on " + backend + ".");
  }
}
