package org.cinderemu.scheduler.state;

import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;
import org.cinderemu.scheduler.PyValues;
import org.cinderemu.scheduler.SchedulerOptions;

/** Cinder's {@code utils.calculate_max_over_subscription_ratio} for one pool report (docs/cinder-reference.md §6.4). */
public final class OverSubscription {

  private static final double DEFAULT_RATIO = 20.0;

  private OverSubscription() {
  }

  /**
   * The pool's ratio: 1.0 without thin provisioning or with infinite/unknown capacity; otherwise the pool's
   * value, else the global option; {@code auto} means {@code 1 + provisioned / (total - free + 1)}, or 20.0
   * while nothing is provisioned. Rounded to 2 decimals.
   */
  public static double calculate(JsonObject pool, String globalRatio) {
    Object allocated = pool.getValue("allocated_capacity_gb", 0);
    Object provisioned = pool.containsKey("provisioned_capacity_gb")
        ? pool.getValue("provisioned_capacity_gb") : allocated;
    if (!PyValues.truthy(pool.getValue("thin_provisioning_support", false))) {
      return 1.0;
    }
    Object total = pool.getValue("total_capacity_gb", 0);
    Object free = pool.getValue("free_capacity_gb", 0);
    if (isInfiniteOrUnknown(total) || isInfiniteOrUnknown(free)) {
      return 1.0;
    }
    Object ratio = pool.getValue("max_over_subscription_ratio");
    if (!PyValues.truthy(ratio)) {
      ratio = globalRatio;
    }
    double value;
    if ("auto".equals(ratio)) {
      double prov = PyValues.toFloat(provisioned, 0);
      if (prov != 0) {
        double used = PyValues.toFloat(total, 0) - PyValues.toFloat(free, 0);
        value = 1 + prov / (used + 1);
      } else {
        value = DEFAULT_RATIO;
      }
    } else {
      OptionalDouble parsed = PyValues.toFloat(ratio);
      // Cinder would raise on garbage; the option's default keeps the report usable instead
      value = parsed.isPresent() ? parsed.getAsDouble()
          : PyValues.toFloat(SchedulerOptions.DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO, DEFAULT_RATIO);
    }
    return PyValues.round2(value);
  }

  static boolean isInfiniteOrUnknown(Object v) {
    return "infinite".equals(v) || "unknown".equals(v);
  }
}
