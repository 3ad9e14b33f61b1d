package org.cinderemu.scheduler.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.function.Supplier;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/** Builds the filter chain from {@code scheduler_default_filters} and runs it (Cinder's filter handler). */
public final class BackendFilters {

  private static final Map<String, Supplier<BackendFilter>> KNOWN = Map.of(
      AvailabilityZoneFilter.NAME, AvailabilityZoneFilter::new,
      CapacityFilter.NAME, CapacityFilter::new,
      CapabilitiesFilter.NAME, CapabilitiesFilter::new,
      IgnoreAttemptedHostsFilter.NAME, IgnoreAttemptedHostsFilter::new,
      BackendStateFilter.NAME, BackendStateFilter::new);

  private BackendFilters() {
  }

  /**
   * The filters named, in order.
   *
   * @throws SchedulerHostFilterNotFound naming every unknown name, comma separated
   */
  public static List<BackendFilter> byNames(List<String> names) {
    List<BackendFilter> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      Supplier<BackendFilter> factory = KNOWN.get(name);
      if (factory == null) {
        unknown.add(name);
      } else {
        found.add(factory.get());
      }
    }
    if (!unknown.isEmpty()) {
      throw new SchedulerHostFilterNotFound(String.join(", ", unknown));
    }
    return List.copyOf(found);
  }

  /** The pools that pass every filter, in their original order. */
  public static List<PoolState> apply(List<BackendFilter> filters, List<PoolState> pools,
      SchedulingRequest request) {
    return apply(filters, pools, request, (filter, rejected) -> { });
  }

  /** As {@link #apply(List, List, SchedulingRequest)}, telling {@code rejections} how many pools each filter removed. */
  public static List<PoolState> apply(List<BackendFilter> filters, List<PoolState> pools,
      SchedulingRequest request, BiConsumer<String, Integer> rejections) {
    List<PoolState> remaining = new ArrayList<>(pools);
    for (BackendFilter filter : filters) {
      int before = remaining.size();
      remaining.removeIf(pool -> !filter.passes(pool, request));
      if (remaining.size() < before) {
        rejections.accept(filter.name(), before - remaining.size());
      }
      if (remaining.isEmpty()) {
        break;
      }
    }
    return remaining;
  }
}
