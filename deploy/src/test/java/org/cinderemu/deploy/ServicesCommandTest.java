package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `cinder-emu services`: each --config takes the --binaries that follow it. */
class ServicesCommandTest {

  @Test
  void eachConfigKeepsItsOwnBinaries() {
    ServicesCommand cmd = new ServicesCommand();
    new CommandLine(cmd).parseArgs("--name", "cinder-services",
        "--config", "/s/cinder.conf", "--binaries", "cinder-api,cinder-scheduler",
        "--config", "/s/hosts/node1.conf", "--binaries", "cinder-volume,cinder-backup",
        "--config", "/s/hosts/node2.conf", "--binaries", "cinder-volume");

    assertThat(cmd.name).isEqualTo("cinder-services");
    assertThat(cmd.units).extracting(u -> u.config).containsExactly(Path.of("/s/cinder.conf"),
        Path.of("/s/hosts/node1.conf"), Path.of("/s/hosts/node2.conf"));
    assertThat(cmd.units).extracting(u -> u.binaries).containsExactly(
        List.of(ServiceBinary.API, ServiceBinary.SCHEDULER),
        List.of(ServiceBinary.VOLUME, ServiceBinary.BACKUP),
        List.of(ServiceBinary.VOLUME));
  }

  @Test
  void aConfigWithoutBinariesOrAnUnknownBinaryIsRefused() {
    assertThatThrownBy(() -> new CommandLine(new ServicesCommand()).parseArgs("--name", "x", "--config", "/a"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--binaries");
    assertThatThrownBy(() -> new CommandLine(new ServicesCommand()).parseArgs("--name", "x", "--config", "/a",
        "--binaries", "cinder-nova")).hasMessageContaining("unknown service binary 'cinder-nova'");
  }
}
