package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.cinderemu.api.ApiVerticle;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.Test;

class ServiceBinaryTest {

  private final CinderConf seedLab = StackConfig.loadBase(Optional.empty());

  @Test
  void binariesGoByCindersNames() {
    assertThat(ServiceBinary.fromName("cinder-volume")).isEqualTo(ServiceBinary.VOLUME);
    assertThat(ServiceBinary.names()).isEqualTo("cinder-api, cinder-scheduler, cinder-volume, cinder-backup");
    assertThatThrownBy(() -> ServiceBinary.fromName("c-vol")).hasMessageContaining("cinder-api, cinder-scheduler");
  }

  @Test
  void eachBinaryDeploysItsVerticleAndVolumeOnePerEnabledBackend() {
    assertThat(ServiceBinary.API.verticles(seedLab)).singleElement().isInstanceOf(ApiVerticle.class);
    assertThat(ServiceBinary.SCHEDULER.verticles(seedLab)).singleElement().isInstanceOf(SchedulerVerticle.class);
    assertThat(ServiceBinary.BACKUP.verticles(seedLab)).singleElement().isInstanceOf(BackupVerticle.class);
    assertThat(ServiceBinary.VOLUME.verticles(seedLab)).hasSize(2).allMatch(VolumeVerticle.class::isInstance);
  }

  @Test
  void volumeRefusesAConfigWithoutEnabledBackendsAsCinderDoes() {
    CinderConf noBackends = CinderConf.parse("[DEFAULT]\nenabled_backends = ,\n");
    assertThatThrownBy(() -> ServiceBinary.VOLUME.verticles(noBackends))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("does not specify \"enabled_backends\"");
    assertThatThrownBy(() -> ServiceBinary.VOLUME.verticles(CinderConf.empty())).isInstanceOf(LaunchException.class);
  }
}
