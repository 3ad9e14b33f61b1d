package org.cinderemu.common.rpc;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * oslo's duplicate suppression (docs/cinder-reference.md §3.7): a listener remembers the last 16 {@code
 * _unique_id}s.
 */
public final class DuplicateFilter {

  public static final int CAPACITY = 16;

  private final ArrayDeque<String> order = new ArrayDeque<>(CAPACITY);
  private final Set<String> seen = new HashSet<>();

  /** @return true the first time an id is seen, false for a repeat among the last 16 */
  public synchronized boolean firstTime(String uniqueId) {
    if (uniqueId == null) {
      return true;
    }
    if (seen.contains(uniqueId)) {
      return false;
    }
    if (order.size() == CAPACITY) {
      seen.remove(order.removeFirst());
    }
    order.addLast(uniqueId);
    seen.add(uniqueId);
    return true;
  }
}
