package org.cinderemu.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class SchedulerOptionsTest {

  @Test
  void defaultsAreCinders() {
    SchedulerOptions o = SchedulerOptions.from(CinderConf.empty());
    assertThat(o).isEqualTo(SchedulerOptions.defaults());
    assertThat(o.defaultFilters()).containsExactly("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter");
    assertThat(o.defaultWeighers()).containsExactly("CapacityWeigher");
    assertThat(o.maxAttempts()).isEqualTo(3);
    assertThat(o.capacityWeightMultiplier()).isEqualTo(1.0);
    assertThat(o.allocatedCapacityWeightMultiplier()).isEqualTo(-1.0);
    assertThat(o.maxOverSubscriptionRatio()).isEqualTo("20.0");
    assertThat(o.reservedPercentage()).isZero();
    assertThat(o.backupUseSameHost()).isFalse();
  }

  @Test
  void readsEveryOption() {
    CinderConf conf = CinderConf.parse(String.join("\n",
        "[DEFAULT]",
        "scheduler_default_filters = CapacityFilter, CapabilitiesFilter",
        "scheduler_default_weighers = CapacityWeigher,AllocatedCapacityWeigher",
        "scheduler_max_attempts = 1",
        "capacity_weight_multiplier = -1.5",
        "allocated_capacity_weight_multiplier = 2",
        "max_over_subscription_ratio = auto",
        "reserved_percentage = 5",
        "backup_use_same_host = true",
        ""));
    SchedulerOptions o = SchedulerOptions.from(conf);
    assertThat(o.defaultFilters()).containsExactly("CapacityFilter", "CapabilitiesFilter");
    assertThat(o.defaultWeighers()).containsExactly("CapacityWeigher", "AllocatedCapacityWeigher");
    assertThat(o.maxAttempts()).isEqualTo(1);
    assertThat(o.capacityWeightMultiplier()).isEqualTo(-1.5);
    assertThat(o.allocatedCapacityWeightMultiplier()).isEqualTo(2.0);
    assertThat(o.maxOverSubscriptionRatio()).isEqualTo("auto");
    assertThat(o.reservedPercentage()).isEqualTo(5);
    assertThat(o.backupUseSameHost()).isTrue();
  }

  @Test
  void backendOptionsFallBackToBackendDefaults() {
    CinderConf conf = CinderConf.parse("[backend_defaults]\nmax_over_subscription_ratio = 7.5\nreserved_percentage = 3\n");
    SchedulerOptions o = SchedulerOptions.from(conf);
    assertThat(o.maxOverSubscriptionRatio()).isEqualTo("7.5");
    assertThat(o.reservedPercentage()).isEqualTo(3);
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> SchedulerOptions.defaults().withMaxAttempts(0))
        .hasMessage("Invalid value for 'scheduler_max_attempts', must be >=1");
    assertThatThrownBy(() -> SchedulerOptions.defaults().withMaxOverSubscriptionRatio("lots"))
        .isInstanceOf(CinderConf.ConfigException.class);
    assertThat(SchedulerOptions.defaults().withFilters(List.of("CapacityFilter")).defaultFilters())
        .containsExactly("CapacityFilter");
  }
}
