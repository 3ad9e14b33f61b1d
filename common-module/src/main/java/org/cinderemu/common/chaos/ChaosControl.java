package org.cinderemu.common.chaos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault controls of one service process, which its admin endpoint serves under {@code /chaos/}. Verticles
 * register their groups while they start, before the endpoint opens (ServiceRunner starts it after them); a
 * group of the same name registered twice is one group (several backends in one process share "driver").
 */
public final class ChaosControl {

  /** A rule or a fault is a small JSON object: anything larger is refused with 413. */
  public static final int BODY_LIMIT_BYTES = 64 * 1024;

  private static final ChaosControl CURRENT = new ChaosControl();

  private final Map<String, FaultControls> groups = new ConcurrentHashMap<>();

  private ChaosControl() {
  }

  public static ChaosControl current() {
    return CURRENT;
  }

  /** Registers {@code group} unless one of its name is there; returns the one that is. */
  public FaultControls register(FaultControls group) {
    return groups.computeIfAbsent(group.name(), n -> group);
  }

  public Optional<FaultControls> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  public List<FaultControls> groups() {
    return List.copyOf(groups.values());
  }
}
