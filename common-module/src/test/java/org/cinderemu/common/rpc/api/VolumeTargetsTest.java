package org.cinderemu.common.rpc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.testing.Captured;
import org.junit.jupiter.api.Test;

class VolumeTargetsTest {

  @Test
  void aVolumesHostRoutesAsTheCapturedDeleteVolume() throws IOException {
    String routingKey = Captured.message("14_").getString("routing_key");

    Target t = VolumeTargets.of("emu-lab@lvmdriver-1#lvmdriver-1");

    assertThat(t.routingKey()).isEqualTo(routingKey).isEqualTo("cinder-volume.emu-lab@lvmdriver-1.emu-lab");
    assertThat(VolumeTargets.backendTopic("emu-lab@lvmdriver-1#lvmdriver-1"))
        .isEqualTo("cinder-volume.emu-lab@lvmdriver-1");
  }

  @Test
  void aBackendListensOnBothOfItsTargets() {
    String serviceHost = VolumeTargets.serviceHost("emu-lab", "lvmdriver-1");

    assertThat(VolumeTargets.listenedOnBy(serviceHost)).containsExactly(
        Target.server("cinder-volume", "emu-lab@lvmdriver-1"),
        Target.server("cinder-volume.emu-lab@lvmdriver-1", "emu-lab"));
  }

  @Test
  void aClusterMemberAlsoListensOnTheClustersSharedTarget() {
    assertThat(VolumeTargets.listenedOnBy("node1@lvm", "ha@lvm")).containsExactly(
        Target.server("cinder-volume", "node1@lvm"),
        Target.server("cinder-volume.node1@lvm", "node1"),
        Target.server("cinder-volume.ha@lvm", "ha"));
    // a clustered volume is addressed by its cluster_name, pool and all (docs/cinder-reference.md §2.2)
    assertThat(VolumeTargets.of("ha@lvm#lvm").routingKey()).isEqualTo("cinder-volume.ha@lvm.ha");
    assertThat(VolumeTargets.listenedOnBy("node1@lvm", null)).hasSize(2);
  }

  @Test
  void fanoutsGoToTheTopicsFanoutExchange() {
    assertThat(ServiceTopic.SCHEDULER.fanout().fanoutExchange()).isEqualTo("cinder-scheduler_fanout");
    assertThat(ServiceTopic.VOLUME.fanout().fanout()).isTrue();
    assertThat(ServiceTopic.BACKUP.apiVersion()).isEqualTo("2.3");
  }
}
