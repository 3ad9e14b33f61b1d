package org.cinderemu.scheduler;

import java.util.List;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.CinderConf.ConfigException;
import org.cinderemu.common.config.Opt;
import org.cinderemu.common.service.ServiceOptions;

/**
 * The cinder.conf options the scheduler's pure logic reads (docs/cinder-reference.md §6.1, §6.4, §6.5, §1.6, §5.2).
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

  public static final Opt<List<String>> SCHEDULER_DEFAULT_FILTERS =
      Opt.list(CinderConf.DEFAULT, "scheduler_default_filters", DEFAULT_FILTERS);
  public static final Opt<List<String>> SCHEDULER_DEFAULT_WEIGHERS =
      Opt.list(CinderConf.DEFAULT, "scheduler_default_weighers", DEFAULT_WEIGHERS);
  public static final Opt<Integer> SCHEDULER_MAX_ATTEMPTS = Opt.integer(CinderConf.DEFAULT, "scheduler_max_attempts", 3);
  public static final Opt<Double> CAPACITY_WEIGHT_MULTIPLIER =
      Opt.floating(CinderConf.DEFAULT, "capacity_weight_multiplier", 1.0);
  public static final Opt<Double> ALLOCATED_CAPACITY_WEIGHT_MULTIPLIER =
      Opt.floating(CinderConf.DEFAULT, "allocated_capacity_weight_multiplier", -1.0);
  /** Also read from {@code [backend_defaults]} when {@code [DEFAULT]} does not set it. */
  public static final Opt<String> MAX_OVER_SUBSCRIPTION_RATIO =
      Opt.string(CinderConf.DEFAULT, "max_over_subscription_ratio", DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO);
  /** Also read from {@code [backend_defaults]} when {@code [DEFAULT]} does not set it. */
  public static final Opt<Integer> RESERVED_PERCENTAGE =
      Opt.integer(CinderConf.DEFAULT, "reserved_percentage", 0, 0, 100);
  public static final Opt<Integer> SCHEDULER_DRIVER_INIT_WAIT_TIME =
      Opt.integer(CinderConf.DEFAULT, "scheduler_driver_init_wait_time", 60, 1, null);

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
    String ratio = conf.find(MAX_OVER_SUBSCRIPTION_RATIO)
        .or(() -> conf.find(MAX_OVER_SUBSCRIPTION_RATIO.inGroup(CinderConf.BACKEND_DEFAULTS)))
        .orElse(DEFAULT_MAX_OVER_SUBSCRIPTION_RATIO);
    int reserved = conf.find(RESERVED_PERCENTAGE)
        .or(() -> conf.find(RESERVED_PERCENTAGE.inGroup(CinderConf.BACKEND_DEFAULTS)))
        .orElse(0);
    return new SchedulerOptions(
        conf.get(SCHEDULER_DEFAULT_FILTERS),
        conf.get(SCHEDULER_DEFAULT_WEIGHERS),
        conf.get(SCHEDULER_MAX_ATTEMPTS),
        conf.get(CAPACITY_WEIGHT_MULTIPLIER),
        conf.get(ALLOCATED_CAPACITY_WEIGHT_MULTIPLIER),
        ratio,
        reserved,
        conf.get(ServiceOptions.BACKUP_USE_SAME_HOST),
        conf.get(SCHEDULER_DRIVER_INIT_WAIT_TIME));
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
