package org.cinderemu.common.db;

/**
 * A reservation would take a project past its limit for {@code resource}; carries what Cinder's
 * messages print ("Requested 5G, quota is 1000G and 998G has been consumed.").
 */
public class QuotaExceededException extends RuntimeException {

  private final String resource;
  private final int limit;
  private final int consumed;
  private final int requested;

  public QuotaExceededException(String resource, int limit, int consumed, int requested) {
    super("Quota exceeded for resources: ['" + resource + "'] (requested " + requested + ", limit " + limit
        + ", consumed " + consumed + ")");
    this.resource = resource;
    this.limit = limit;
    this.consumed = consumed;
    this.requested = requested;
  }

  public String resource() {
    return resource;
  }

  public int limit() {
    return limit;
  }

  /** in_use + reserved at the time of the refusal. */
  public int consumed() {
    return consumed;
  }

  public int requested() {
    return requested;
  }
}
