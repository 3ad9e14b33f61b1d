package org.cinderemu.volume.driver;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver faults of every cinder-volume backend in this process, keyed by the service host
 * ({@code host@backend}): the Java API of docs/chaos.md's {@code driver} group, for the admin endpoint, tests and
 * the experiment runner. A backend registers while it starts and is told of each change of its fault, so that it
 * reports its capabilities at once instead of at the next {@code backend_stats_polling_interval}.
 */
public final class DriverFaults {

  private static final DriverFaults CURRENT = new DriverFaults();

  private final Map<String, DriverFault> faults = new ConcurrentHashMap<>();
  private final Map<String, Runnable> backends = new ConcurrentHashMap<>();

  DriverFaults() {
  }

  public static DriverFaults current() {
    return CURRENT;
  }

  /** A backend of this process; {@code changed} runs (on any thread) after each change of its fault. */
  public void register(String backend, Runnable changed) {
    backends.put(backend, changed);
  }

  /** The backend stopped: its faults go with it. */
  public void unregister(String backend) {
    backends.remove(backend);
    faults.remove(backend);
  }

  /** The backends of this process, each with its fault (none: {@link DriverFault#NONE}), sorted. */
  public SortedMap<String, DriverFault> all() {
    SortedMap<String, DriverFault> result = new TreeMap<>();
    backends.keySet().forEach(b -> result.put(b, fault(b)));
    return result;
  }

  public boolean has(String backend) {
    return backends.containsKey(backend);
  }

  /** The fault of {@code backend}, {@link DriverFault#NONE} when it has none. */
  public DriverFault fault(String backend) {
    return faults.getOrDefault(backend, DriverFault.NONE);
  }

  public Optional<DriverFault> find(String backend) {
    return has(backend) ? Optional.of(fault(backend)) : Optional.empty();
  }

  /**
   * Replaces the fault of {@code backend}.
   *
   * @throws IllegalArgumentException when no backend of that name runs in this process
   */
  public void set(String backend, DriverFault fault) {
    Runnable changed = backends.get(backend);
    if (changed == null) {
      throw new IllegalArgumentException("no cinder-volume backend " + backend + " in this process; known: "
          + String.join(", ", all().keySet()));
    }
    if (fault.isNone()) {
      faults.remove(backend);
    } else {
      faults.put(backend, fault);
    }
    changed.run();
  }

  /** Gives every backend of this process {@code fault}. */
  public void setAll(DriverFault fault) {
    all().keySet().forEach(b -> set(b, fault));
  }

  public void clear(String backend) {
    set(backend, DriverFault.NONE);
  }

  public void clearAll() {
    setAll(DriverFault.NONE);
  }
}
