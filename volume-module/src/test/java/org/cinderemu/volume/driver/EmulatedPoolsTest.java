package org.cinderemu.volume.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class EmulatedPoolsTest {

  static final CinderConf SEED = CinderConf.parse(String.join("\n",
      "[DEFAULT]", "enabled_backends = lvmdriver-1,whatever_it_is",
      "[lvmdriver-1]", "volume_backend_name = lvmdriver-1",
      "[whatever_it_is]", "volume_backend_name = new_lvm_backend", "emulator_total_capacity_gb = 10",
      "[thin]", "emulator_thin_provisioning = true", "emulator_pools = a, b", "reserved_percentage = 5"));

  @Test
  void thePoolIsNamedAfterVolumeBackendNameLikeLvm() {
    BackendConfig c = BackendConfig.from(SEED, "whatever_it_is");
    assertThat(c.pools()).extracting(PoolConfig::name).containsExactly("new_lvm_backend");
    JsonObject stats = new EmulatedPools(c).stats();
    assertThat(stats.getString("volume_backend_name")).isEqualTo("new_lvm_backend");
    JsonObject pool = stats.getJsonArray("pools").getJsonObject(0);
    assertThat(pool.getString("pool_name")).isEqualTo("new_lvm_backend");
    assertThat(pool.getValue("total_capacity_gb")).isEqualTo(10L);
    assertThat(pool.getBoolean("thick_provisioning_support")).isTrue();
    assertThat(pool.getDouble("max_over_subscription_ratio")).isEqualTo(1.0);
  }

  @Test
  void thickPoolsAccountAndRefuseWhenFull() {
    EmulatedPools pools = new EmulatedPools(BackendConfig.from(SEED, "whatever_it_is"));
    assertThat(pools.allocate("new_lvm_backend", 6)).isTrue();
    assertThat(pools.allocate("new_lvm_backend", 5)).isFalse();
    JsonObject pool = pools.stats().getJsonArray("pools").getJsonObject(0);
    assertThat(pool.getValue("free_capacity_gb")).isEqualTo(4L);
    assertThat(pool.getLong("allocated_capacity_gb")).isEqualTo(6);
    pools.release("new_lvm_backend", 6);
    assertThat(pools.allocatedGb("new_lvm_backend")).isZero();
  }

  @Test
  void thinPoolsOverCommitAndReportTheirSettings() {
    EmulatedPools pools = new EmulatedPools(BackendConfig.from(SEED, "thin"));
    assertThat(pools.defaultPool()).isEqualTo("a");
    assertThat(pools.allocate("b", 5000)).isTrue();
    JsonObject b = pools.stats().getJsonArray("pools").getJsonObject(1);
    assertThat(b.getBoolean("thin_provisioning_support")).isTrue();
    assertThat(b.getDouble("max_over_subscription_ratio")).isEqualTo(20.0);
    assertThat(b.getInteger("reserved_percentage")).isEqualTo(5);
    assertThat(b.getLong("provisioned_capacity_gb")).isEqualTo(5000);
  }

  @Test
  void aBackendWithoutSectionIsAClearError() {
    assertThatThrownBy(() -> BackendConfig.from(SEED, "missing")).hasMessageContaining("no [missing] section");
  }
}
