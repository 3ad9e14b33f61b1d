package org.cinderemu.common.db;

/** A key/value write would leave an owner with more entries than the caller allows; nothing was written. */
public class TooManyItemsException extends RuntimeException {

  private final int limit;

  public TooManyItemsException(int limit) {
    super("more than " + limit + " items", null, false, false);
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
