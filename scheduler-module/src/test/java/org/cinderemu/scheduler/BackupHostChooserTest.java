package org.cinderemu.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.cinderemu.scheduler.state.HostManager;
import org.junit.jupiter.api.Test;

class BackupHostChooserTest {

  private static final String POSIX = "cinder.backup.drivers.posix.PosixBackupDriver";

  private final HostManager hm = TestPools.hostManager(SchedulerOptions.defaults());
  private final HostManager sameHost = TestPools.hostManager(SchedulerOptions.defaults().withBackupUseSameHost(true));

  /** Always picks the given index, and records the bounds it was asked for. */
  private static final class PickIndex implements RandomGenerator {
    private final int index;
    private final List<Integer> bounds = new ArrayList<>();

    PickIndex(int index) {
      this.index = index;
    }

    @Override
    public long nextLong() {
      return index;
    }

    @Override
    public int nextInt(int bound) {
      bounds.add(bound);
      return index;
    }
  }

  private static void report(HostManager hm, String host, boolean state, String az) {
    hm.updateServiceCapabilities("backup", host, null, new JsonObject()
        .put("backend_state", state).put("driver_name", POSIX).put("availability_zone", az), TestPools.REPORT_TS);
  }

  @Test
  void picksRandomlyAmongWorkingBackupServicesOfTheZone() {
    report(hm, "bk1", true, "nova");
    report(hm, "bk2", false, "nova");
    report(hm, "bk3", true, "az2");
    report(hm, "bk4", true, "nova");
    PickIndex second = new PickIndex(1);
    BackupHostChooser chooser = new BackupHostChooser(hm, second);
    assertThat(chooser.candidates("nova", null)).containsExactly("bk1", "bk4");
    assertThat(chooser.chooseForCreate("emu-lab@lvmdriver-1#lvmdriver-1", "nova", (h, az) -> false))
        .contains("bk4");
    assertThat(second.bounds).containsExactly(2);
    assertThat(new BackupHostChooser(hm, new PickIndex(0)).chooseForCreate("n@b#p", "nova", (h, az) -> false))
        .contains("bk1");
    // no AZ: every working service
    assertThat(chooser.candidates(null, null)).containsExactly("bk1", "bk3", "bk4");
    assertThat(chooser.candidates("nova", "other.Driver")).isEmpty();
  }

  @Test
  void seededRandomSpreadsOverTheCandidates() {
    report(hm, "bk1", true, "nova");
    report(hm, "bk2", true, "nova");
    BackupHostChooser chooser = new BackupHostChooser(hm, RandomGenerator.of("L64X128MixRandom"));
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      chosen.add(chooser.chooseForCreate("n@b#p", "nova", (h, az) -> false).orElseThrow());
    }
    assertThat(chosen).contains("bk1", "bk2");
  }

  @Test
  void noCandidateMeansServiceNotFound() {
    BackupHostChooser chooser = new BackupHostChooser(hm, new PickIndex(0));
    assertThat(chooser.chooseForCreate("n@b#p", "nova", (h, az) -> true)).isEmpty();
    report(hm, "bk1", false, "nova");
    assertThat(chooser.chooseForCreate("n@b#p", "nova", (h, az) -> true)).isEmpty();
  }

  @Test
  void sameHostModeAsksTheDatabaseAboutTheVolumesNode() {
    report(sameHost, "other", true, "nova");
    BackupHostChooser chooser = new BackupHostChooser(sameHost, new PickIndex(0));
    List<String> asked = new ArrayList<>();
    assertThat(chooser.chooseForCreate("node1@lvm#lvm", "nova", (h, az) -> asked.add(h + "/" + az)))
        .contains("node1");
    assertThat(asked).containsExactly("node1/nova");
    assertThat(chooser.chooseForCreate("node1@lvm#lvm", "nova", (h, az) -> false)).isEmpty();
    // a volume without a host falls back to any working service
    assertThat(chooser.chooseForCreate(null, "nova", (h, az) -> false)).contains("other");
  }
}
