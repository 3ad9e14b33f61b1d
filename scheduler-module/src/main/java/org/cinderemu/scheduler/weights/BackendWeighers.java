package org.cinderemu.scheduler.weights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/** Builds the weighers from {@code scheduler_default_weighers} and ranks pools (OrderedHostWeightHandler). */
public final class BackendWeighers {

  private BackendWeighers() {
  }

  /**
   * The weighers named, in order, with their multipliers from the options.
   *
   * @throws SchedulerHostWeigherNotFound naming every unknown name, comma separated
   */
  public static List<BackendWeigher> byNames(List<String> names, SchedulerOptions options) {
    List<BackendWeigher> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case CapacityWeigher.NAME:
          found.add(new CapacityWeigher(options.capacityWeightMultiplier()));
          break;
        case AllocatedCapacityWeigher.NAME:
          found.add(new AllocatedCapacityWeigher(options.allocatedCapacityWeightMultiplier()));
          break;
        default:
          unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new SchedulerHostWeigherNotFound(String.join(", ", unknown));
    }
    return List.copyOf(found);
  }

  /**
   * Every pool with its weight, highest first; equal weights keep the order the pools were listed in,
   * which is how ties are broken.
   */
  public static List<WeighedPool> weigh(List<BackendWeigher> weighers, List<PoolState> pools,
      SchedulingRequest request) {
    double[] total = new double[pools.size()];
    for (BackendWeigher weigher : weighers) {
      double[] normalised = normalise(weigher.weigh(pools, request));
      for (int i = 0; i < total.length; i++) {
        total[i] += weigher.multiplier() * normalised[i];
      }
    }
    List<WeighedPool> weighed = new ArrayList<>();
    for (int i = 0; i < total.length; i++) {
      weighed.add(new WeighedPool(pools.get(i), total[i]));
    }
    // List.sort is stable, so reversing the comparator keeps ties in listing order
    weighed.sort(Comparator.comparingDouble(WeighedPool::weight).reversed());
    return weighed;
  }

  /** {@code (w - min) / (max - min)}; all equal gives all 0. */
  static double[] normalise(double[] weights) {
    double[] out = new double[weights.length];
    if (weights.length == 0) {
      return out;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double w : weights) {
      min = Math.min(min, w);
      max = Math.max(max, w);
    }
    if (min == max) {
      return out;
    }
    double range = max - min;
    for (int i = 0; i < weights.length; i++) {
      out[i] = (weights[i] - min) / range;
    }
    return out;
  }
}
