package org.cinderemu.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.single;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

class CapabilitiesFilterTest {

  private final CapabilitiesFilter filter = new CapabilitiesFilter();
  // pool_name "p" of backend "lvm"; the report's volume_backend_name is appended to the pool
  private final PoolState lvm = single(pool("p", 100, 100)
      .put("qos", new JsonObject().put("max_iops", 1000).put("tier", new JsonObject().put("name", "gold")))
      .put("tiers", new JsonArray(List.of("gold", "silver")))
      .put("online_extend_support", false));

  private boolean passes(PoolState pool, String key, String value) {
    return filter.passes(pool, SchedulingRequest.forVolume("v1", 1).extraSpec(key, value).build());
  }

  @Test
  void untypedVolumesPassEverywhere() {
    assertThat(filter.passes(lvm, SchedulingRequest.forVolume("v1", 1).build())).isTrue();
  }

  @Test
  void unscopedAndCapabilitiesScopedKeysMatchCapabilities() {
    assertThat(passes(lvm, "volume_backend_name", "lvm")).isTrue();
    assertThat(passes(lvm, "volume_backend_name", "other")).isFalse();
    assertThat(passes(lvm, "capabilities:volume_backend_name", "lvm")).isTrue();
    assertThat(passes(lvm, "capabilities:volume_backend_name", "other")).isFalse();
  }

  @Test
  void otherScopesAreNotCapabilities() {
    assertThat(passes(lvm, "provisioning:type", "thin")).isTrue();
    assertThat(passes(lvm, "vendor:foo", "bar")).isTrue();
    assertThat(passes(lvm, "RESKEY:availability_zones", "x")).isTrue();
  }

  @Test
  void missingCapabilityFails() {
    assertThat(passes(lvm, "compression", "<is> True")).isFalse();
    assertThat(passes(lvm, "capabilities:qos:missing", "1")).isFalse();
    assertThat(passes(lvm, "capabilities:volume_backend_name:deeper", "x")).isFalse();
  }

  @Test
  void scopesWalkNestedCapabilities() {
    assertThat(passes(lvm, "capabilities:qos:max_iops", "= 500")).isTrue();
    assertThat(passes(lvm, "capabilities:qos:max_iops", "= 5000")).isFalse();
    assertThat(passes(lvm, "capabilities:qos:tier:name", "gold")).isTrue();
  }

  @Test
  void dottedScopesWalkNestedCapabilitiesToo() {
    assertThat(passes(lvm, "capabilities:qos.max_iops", "== 1000")).isTrue();
    assertThat(passes(lvm, "qos.tier.name", "gold")).isTrue();
    assertThat(passes(lvm, "qos.tier.name", "silver")).isFalse();
  }

  @Test
  void listCapabilitiesMatchAnyElement() {
    assertThat(passes(lvm, "tiers", "silver")).isTrue();
    assertThat(passes(lvm, "tiers", "<or> bronze <or> gold")).isTrue();
    assertThat(passes(lvm, "tiers", "bronze")).isFalse();
  }

  @Test
  void booleanCapabilitiesNeedIs() {
    assertThat(passes(lvm, "multiattach", "<is> True")).isTrue();
    assertThat(passes(lvm, "thin_provisioning_support", "<is> True")).isFalse();
    assertThat(passes(lvm, "multiattach", "True")).isFalse();
  }

  @Test
  void storageProtocolMatchesAnyVariant() {
    PoolState iscsi = single(pool("p", 100, 100).put("storage_protocol", "iSCSI"));
    assertThat(passes(iscsi, "storage_protocol", "iscsi")).isTrue();
    assertThat(passes(iscsi, "storage_protocol", "iSCSI")).isTrue();
    assertThat(passes(iscsi, "storage_protocol", "FC")).isFalse();
    assertThat(iscsi.capability("storage_protocol")).isEqualTo("iSCSI");
    assertThat(passes(lvm, "storage_protocol", "local")).isTrue();
  }

  @Test
  void everySpecMustMatch() {
    SchedulingRequest both = SchedulingRequest.forVolume("v1", 1)
        .extraSpec("volume_backend_name", "lvm").extraSpec("tiers", "bronze").build();
    assertThat(filter.passes(lvm, both)).isFalse();
  }

  @Test
  void inUseVolumesExtendOnlyWhereOnlineExtendIsSupported() {
    SchedulingRequest attachedExtend = SchedulingRequest.forVolume("v1", 1).newSize(2L).volumeInUse(true).build();
    SchedulingRequest detachedExtend = SchedulingRequest.forVolume("v1", 1).newSize(2L).build();
    assertThat(filter.passes(lvm, attachedExtend)).isFalse();
    assertThat(filter.passes(lvm, detachedExtend)).isTrue();
    PoolState online = single(pool("p", 100, 100).put("online_extend_support", true));
    assertThat(filter.passes(online, attachedExtend)).isTrue();
    PoolState silent = single(pool("p", 100, 100));
    assertThat(filter.passes(silent, attachedExtend)).isTrue();
  }
}
