package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two volume hosts with the same backend: the CapacityWeigher spreads volumes over them; a disabled
 * backend and a down backend are never chosen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulingIT {

  static Lab lab;
  static CinderHttp cinder;
  static String hostA;
  static String hostB;
  static String deploymentA;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
    hostA = lab.host + "-a";
    hostB = lab.host + "-b";
    lab.set(CinderConf.DEFAULT, "host", hostA);
    VolumeVerticle a = lab.volume("lvmdriver-1");
    deploymentA = lab.deploymentOf(a);
    lab.set(CinderConf.DEFAULT, "host", hostB);
    lab.volume("lvmdriver-1");
    lab.set(CinderConf.DEFAULT, "host", lab.host);
    lab.scheduler();
    cinder = new CinderHttp(lab.api().actualPort()).unlimited();
    lab.set(CinderConf.DEFAULT, "host", lab.host);
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  private List<String> createHosts(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(cinder.createVolume(10, null));
    }
    List<String> hosts = new ArrayList<>();
    for (String id : ids) {
      JsonObject v = cinder.awaitSettled(id, Duration.ofSeconds(30));
      assertThat(v.getString("status")).isEqualTo("available");
      hosts.add(v.getString("os-vol-host-attr:host"));
    }
    return hosts;
  }

  @Test
  @Order(1)
  void theCapacityWeigherSpreadsVolumes() {
    List<String> hosts = createHosts(6);
    assertThat(hosts).contains(hostA + "@lvmdriver-1#lvmdriver-1", hostB + "@lvmdriver-1#lvmdriver-1");
    // capability reports racing the scheduler's local consumption may shift one volume, not the spread
    assertThat(hosts.stream().filter(h -> h.startsWith(hostA + "@")).count()).isBetween(2L, 4L);
  }

  @Test
  @Order(2)
  void aDisabledBackendIsNeverChosen() {
    cinder.ok("PUT", "/os-services/disable", new JsonObject().put("host", hostA + "@lvmdriver-1")
        .put("binary", "cinder-volume"));
    assertThat(createHosts(4)).containsOnly(hostB + "@lvmdriver-1#lvmdriver-1");
    cinder.ok("PUT", "/os-services/enable", new JsonObject().put("host", hostA + "@lvmdriver-1")
        .put("binary", "cinder-volume"));
  }

  @Test
  @Order(3)
  void aDownBackendIsNeverChosen() {
    lab.undeploy(deploymentA).await();
    // service_down_time is 5 s in the lab: wait until the API reports the service down
    await().atMost(Duration.ofSeconds(20)).until(() -> cinder.ok("GET", "/os-services?binary=cinder-volume", null)
        .getJsonArray("services").stream().map(s -> (JsonObject) s)
        .anyMatch(s -> s.getString("host").equals(hostA + "@lvmdriver-1") && "down".equals(s.getString("state"))));
    assertThat(createHosts(4)).containsOnly(hostB + "@lvmdriver-1#lvmdriver-1");
  }
}
