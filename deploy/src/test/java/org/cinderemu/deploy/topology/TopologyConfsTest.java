package org.cinderemu.deploy.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.StateDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a topology writes into the state directory and the children `up` starts for it. */
class TopologyConfsTest {

  @TempDir
  Path dir;

  StackConfig stack() {
    StateDir state = new StateDir(dir).create();
    return StackConfig.derive(HostConfsTest.BASE, state, null);
  }

  @Test
  void oneConfPerHostPrivateAndOneChildPerServicePerHost() throws Exception {
    StackConfig stack = stack();
    Files.createDirectories(dir.resolve("hosts"));
    Files.writeString(dir.resolve("hosts/node9.conf"), "[DEFAULT]\n");  // an earlier, larger topology's

    List<ChildSpec> children = TopologyOptionsTest.parse("--hosts", "2", "--backup-per-host")
        .children(stack, stack.state().conf());

    assertThat(children).extracting(ChildSpec::name).containsExactly("cinder-api", "cinder-scheduler",
        "cinder-volume@node1", "cinder-backup@node1", "cinder-volume@node2", "cinder-backup@node2");
    try (var files = Files.list(dir.resolve("hosts"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("node1.conf", "node2.conf");
    }
    Path node2 = dir.resolve("hosts/node2.conf");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(node2))).isEqualTo("rw-------");
    assertThat(CinderConf.load(node2).get(ServiceOptions.HOST)).isEqualTo("node2");
    assertThat(CinderConf.load(node2).get(ServiceOptions.STATE_PATH)).isEqualTo(dir.toString());
    // the child names its ready file; its conf argument lies in the state dir, as ProcessSignature expects
    assertThat(children.get(4).command()).endsWith("service", "cinder-volume", "--config", node2.toString(),
        "--name", "cinder-volume@node2");
    assertThat(children.get(0).command()).endsWith("service", "cinder-api", "--config",
        stack.state().conf().toString());
    // status and down know the children by name
    assertThat(RecordedStack.of(stack.state()).binaries()).containsExactly("cinder-api", "cinder-scheduler",
        "cinder-volume@node1", "cinder-backup@node1", "cinder-volume@node2", "cinder-backup@node2", "cinder-db",
        "cinder-broker");
  }

  @Test
  void aChildThatOnlyAPidFileNamesIsStillKnownToStatusAndDown() {
    StackConfig stack = stack();
    TopologyOptionsTest.parse("--in-process").children(stack, stack.state().conf());
    stack.state().pidFile("cinder-volume@node7").write(ProcessHandle.current().pid());

    assertThat(RecordedStack.of(stack.state()).binaries())
        .containsExactly("cinder-services", "cinder-volume@node7", "cinder-db", "cinder-broker");
  }

  @Test
  void inProcessIsOneChildRunningEveryConfsServices() {
    StackConfig stack = stack();
    Path controller = stack.state().conf();

    List<ChildSpec> children = TopologyOptionsTest.parse("--hosts", "2", "--in-process")
        .children(stack, controller);

    assertThat(children).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo(ServiceUnit.IN_PROCESS_NAME);
      assertThat(c.command()).endsWith("services", "--name", "cinder-services",
          "--config", controller.toString(), "--binaries", "cinder-api,cinder-scheduler,cinder-backup",
          "--config", dir.resolve("hosts/node1.conf").toString(), "--binaries", "cinder-volume",
          "--config", dir.resolve("hosts/node2.conf").toString(), "--binaries", "cinder-volume");
    });
  }

  @Test
  void withoutTopologyTheSeedLabsFourServicesRunAsToday() {
    StackConfig stack = stack();
    Path conf = stack.write();

    assertThat(TopologyOptionsTest.parse().children(stack, conf)).extracting(ChildSpec::name)
        .containsExactly("cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup");
    assertThat(TopologyOptionsTest.parse("--in-process").children(stack, conf)).singleElement()
        .satisfies(c -> assertThat(c.command()).endsWith("--config", conf.toString(), "--binaries",
            "cinder-api,cinder-scheduler,cinder-volume,cinder-backup"));
    assertThat(Files.exists(dir.resolve("hosts"))).isFalse();
  }
}
