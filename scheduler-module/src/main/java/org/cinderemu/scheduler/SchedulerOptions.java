package org.cinderemu.scheduler;

import java.util.List;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.CinderConf.ConfigException;

/**
 * The cinder.conf options the scheduler's pure logic reads (reference §6.1, §6.4, §6.5, §1.6, §5.2).
 *
 * @param defaultFilters                   {@code scheduler_default_filters}, applied in this order
 * @param defaultWeighers                  {@code scheduler_default_weighers}
 * @param maxAttempts                      {@code scheduler_max_attempts}; 1 disables rescheduling
 * @param capacityWeightMultiplier         {@code capacity_weight_multiplier}; positive spreads, negative stacks
 * @param allocatedCapacityWeightMultiplier {@code allocated_capacity_weight_multiplier}
 * @param maxOverSubscriptionRatio         {@code max_over_subscription_ratio}: a number or {@code auto}; used for
 *                                         pools that do not report their own
 * @param reservedPercentage               {@code reserved_percentage}: only used for a report that omits the
 *                                         pool's own value (Cinder then assumes 0, the option's default)
 * @param backupUseSameHost                {@code backup_use_same_host}
 * @param driverInitWaitTimeSeconds        {@code scheduler_driver_init_wait_time}: startup wait for reports
 */
public record SchedulerOptions(
    List<String> defaultFilters,
    List<String> defaultWeighers,
    int maxAttempts,
    double capacityWeightMultiplier,
    double allocatedCapacityWeightMultiplier,
    String maxOverSubscriptionRatio,
    int reservedPercentage,
    boolean backupUseSameHost,
    int driverInitWaitTimeSeconds) {

  public static final List<String> DEFAULT_FILTERS =
      List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter");
  public static final List<String> DEFAULT_WEIGHERS = List.of("CapacityWeigher");
  public static final String DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO = "20.0";

  // oslo's pattern for max_over_subscription_ratio (a StrOpt that also accepts 'auto')
  private static final Pattern RATIO = Pattern.compile("auto|\\d*\\.\\d+|\\d+");

  public SchedulerOptions {
    defaultFilters = List.copyOf(defaultFilters);
    defaultWeighers = List.copyOf(defaultWeighers);
    if (maxAttempts < 1) {
      throw new ConfigException("Invalid value for 'scheduler_max_attempts', must be >=1");
    }
    if (maxOverSubscriptionRatio == null || !RATIO.matcher(maxOverSubscriptionRatio.strip()).matches()) {
      throw new ConfigException("max_over_subscription_ratio = " + maxOverSubscriptionRatio
          + ": must be a non-negative number or 'auto'");
    }
    maxOverSubscriptionRatio = maxOverSubscriptionRatio.strip();
    if (reservedPercentage < 0 || reservedPercentage > 100) {
      throw new ConfigException("reserved_percentage = " + reservedPercentage + ": must be within 0..100");
    }
  }

  /** Cinder's defaults. */
  public static SchedulerOptions defaults() {
    return new SchedulerOptions(DEFAULT_FILTERS, DEFAULT_WEIGHERS, 3, 1.0, -1.0,
        DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO, 0, false, 60);
  }

  /** Reads {@code [DEFAULT]}; the two backend options fall back to {@code [backend_defaults]}. */
  public static SchedulerOptions from(CinderConf conf) {
    String d = CinderConf.DEFAULT;
    String ratio = conf.get(d, "max_over_subscription_ratio")
        .or(() -> conf.get(CinderConf.BACKEND_DEFAULTS, "max_over_subscription_ratio"))
        .orElse(DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO);
    int reserved = conf.get(d, "reserved_percentage").isPresent()
        ? conf.getInt(d, "reserved_percentage", 0)
        : conf.getInt(CinderConf.BACKEND_DEFAULTS, "reserved_percentage", 0);
    return new SchedulerOptions(
        conf.getList(d, "scheduler_default_filters", DEFAULT_FILTERS),
        conf.getList(d, "scheduler_default_weighers", DEFAULT_WEIGHERS),
        conf.getInt(d, "scheduler_max_attempts", 3),
        conf.getDouble(d, "capacity_weight_multiplier", 1.0),
        conf.getDouble(d, "allocated_capacity_weight_multiplier", -1.0),
        ratio,
        reserved,
        conf.getBool(d, "backup_use_same_host", false),
        conf.getInt(d, "scheduler_driver_init_wait_time", 60));
  }

  public SchedulerOptions withFilters(List<String> filters) {
    return new SchedulerOptions(filters, defaultWeighers, maxAttempts, capacityWeightMultiplier,
        allocatedCapacityWeightMultiplier, maxOverSubscriptionRatio, reservedPercentage, backupUseSameHost,
        driverInitWaitTimeSeconds);
  }

  public SchedulerOptions withWeighers(List<String> weighers) {
    return new SchedulerOptions(defaultFilters, weighers, maxAttempts, capacityWeightMultiplier,
        allocatedCapacityWeightMultiplier, maxOverSubscriptionRatio, reservedPercentage, backupUseSameHost,
        driverInitWaitTimeSeconds);
  }

  public SchedulerOptions withMaxAttempts(int attempts) {
    return new SchedulerOptions(defaultFilters, defaultWeighers, attempts, capacityWeightMultiplier,
        allocatedCapacityWeightMultiplier, maxOverSubscriptionRatio, reservedPercentage, backupUseSameHost,
        driverInitWaitTimeSeconds);
  }

  public SchedulerOptions withCapacityWeightMultiplier(double multiplier) {
    return new SchedulerOptions(defaultFilters, defaultWeighers, maxAttempts, multiplier,
        allocatedCapacityWeightMultiplier, maxOverSubscriptionRatio, reservedPercentage, backupUseSameHost,
        driverInitWaitTimeSeconds);
  }

  public SchedulerOptions withMaxOverSubscriptionRatio(String ratio) {
    return new SchedulerOptions(defaultFilters, defaultWeighers, maxAttempts, capacityWeightMultiplier,
        allocatedCapacityWeightMultiplier, ratio, reservedPercentage, backupUseSameHost,
        driverInitWaitTimeSeconds);
  }

  public SchedulerOptions withBackupUseSameHost(boolean sameHost) {
    return new SchedulerOptions(defaultFilters, defaultWeighers, maxAttempts, capacityWeightMultiplier,
        allocatedCapacityWeightMultiplier, maxOverSubscriptionRatio, reservedPercentage, sameHost,
        driverInitWaitTimeSeconds);
  }
}
