package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cinder-volume process killed with SIGKILL while creating volumes leaves them {@code creating};
 * its init_host turns them to {@code error} when it starts again (docs/cinder-reference.md §5.4), and it serves new
 * creates.
 */
class CrashRecoveryIT {

  static Lab lab;
  static CinderHttp cinder;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  @Test
  void creatingVolumesOfAKilledServiceEndInErrorAtItsRestart() throws Exception {
    CinderConf slow = lab.conf().with(CinderConf.BACKEND_DEFAULTS, "emulator_create_latency_ms", "600000");
    List<String> ids = new ArrayList<>();
    try (ServiceProcess volume = ServiceProcess.start("cinder-volume", slow, lab.stateDir, "c-vol-slow")) {
      try {
        awaitVolumeServiceUp();
      } catch (RuntimeException e) {
        throw new AssertionError("cinder-volume did not come up:\n" + volume.logTail(), e);
      }
      for (int i = 0; i < 3; i++) {
        ids.add(cinder.createVolume(1, null));
      }
      // scheduled to the backend, whose driver is still "creating" them
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().map(cinder::volume).allMatch(v ->
            v.getString("os-vol-host-attr:host") != null && "creating".equals(v.getString("status"))));
      } catch (RuntimeException e) {
        throw new AssertionError("volumes not scheduled: " + ids.stream().map(cinder::volume).toList()
            + "\n" + volume.logTail(), e);
      }
      volume.kill();
      assertThat(volume.isAlive()).isFalse();
    }
    assertThat(ids.stream().map(cinder::volume).map(v -> v.getString("status"))).containsOnly("creating");

    try (ServiceProcess volume = ServiceProcess.start("cinder-volume", lab.conf(), lab.stateDir, "c-vol")) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> ids.stream().map(cinder::volume).allMatch(v -> "error".equals(v.getString("status"))));
      awaitVolumeServiceUp();
      String fresh = cinder.createVolume(1, null);
      assertThat(cinder.awaitSettled(fresh, Duration.ofSeconds(60)).getString("status")).isEqualTo("available");
    }
  }

  /** Up, and its pools reported to the scheduler (before that, a create finds no valid backend, as in Cinder). */
  private void awaitVolumeServiceUp() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
        cinder.ok("GET", "/os-services?binary=cinder-volume", null).getJsonArray("services").stream()
            .map(s -> (JsonObject) s).anyMatch(s -> "up".equals(s.getString("state")))
        && !cinder.ok("GET", "/scheduler-stats/get_pools", null).getJsonArray("pools").isEmpty());
  }
}
