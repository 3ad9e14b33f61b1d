package org.cinderemu.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler's own series: each volume scheduling decision by outcome with the time it took, and how many pools
 * each filter rejected (what an operator asks when creates end in "No valid backend").
 */
final class SchedulerMetrics {

  static final String SCHEDULED = "scheduled";
  static final String NO_VALID_BACKEND = "no_valid_backend";
  static final String FAILED = "failed";

  private final MeterRegistry registry;

  SchedulerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void decision(String operation, String outcome, long nanos) {
    Counter.builder("cinder_emulator_scheduler_decisions")
        .description("Scheduling decisions, by operation and outcome.")
        .tag("operation", operation).tag("outcome", outcome)
        .register(registry).increment();
    Timer.builder("cinder_emulator_scheduler_scheduling")
        .description("Time from a scheduling request's dispatch to its decision, by operation and outcome.")
        .tag("operation", operation).tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  void rejected(String filter, int pools) {
    Counter.builder("cinder_emulator_scheduler_filter_rejections")
        .description("Pools a filter removed from a scheduling request's candidates, by filter.")
        .tag("filter", filter)
        .register(registry).increment(pools);
  }
}
