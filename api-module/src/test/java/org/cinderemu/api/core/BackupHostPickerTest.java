package org.cinderemu.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.objects.Service;
import org.junit.jupiter.api.Test;

/** docs/cinder-reference.md §1.6, API side: which cinder-backup service delete / restore / reset-status are sent to. */
class BackupHostPickerTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 13, 0);
  private static final Duration DOWN_TIME = Duration.ofSeconds(60);

  private static Service service(String host, String zone, boolean disabled, LocalDateTime heartbeat) {
    return Service.builder().id(host.hashCode()).host(host).binary("cinder-backup").topic("cinder-backup")
        .availabilityZone(zone).disabled(disabled).updatedAt(heartbeat).build();
  }

  private static Service up(String host) {
    return service(host, "nova", false, NOW.minusSeconds(5));
  }

  private static BackupHostPicker picker(boolean sameHost, long seed) {
    return new BackupHostPicker(null, sameHost, DOWN_TIME, new Random(seed));
  }

  @Test
  void anyModeSkipsDisabledDownAndOtherZoneServices() {
    List<Service> services = List.of(
        service("off", "nova", true, NOW),
        service("dead", "nova", false, NOW.minusSeconds(61)),
        service("never", "nova", false, null),
        service("elsewhere", "az2", false, NOW),
        up("good"));
    for (long seed = 0; seed < 50; seed++) {
      assertThat(picker(false, seed).choose(services, "off", "nova", NOW)).contains("good");
    }
  }

  @Test
  void aHeartbeatExactlyServiceDownTimeOldIsStillUp() {
    List<Service> services = List.of(service("edge", "nova", false, NOW.minus(DOWN_TIME)));
    assertThat(picker(false, 1).choose(services, null, null, NOW)).contains("edge");
  }

  @Test
  void anyModeChoosesRandomlyAmongUsableServicesIgnoringTheBackupsHost() {
    List<Service> services = List.of(up("a"), up("b"), up("c"));
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      picker(false, seed).choose(services, "a", null, NOW).ifPresent(seen::add);
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void noZoneOrEmptyZoneMatchesEveryZone() {
    List<Service> services = List.of(service("x", "az9", false, NOW));
    assertThat(picker(false, 3).choose(services, null, null, NOW)).contains("x");
    assertThat(picker(false, 3).choose(services, null, "", NOW)).contains("x");
    assertThat(picker(false, 3).choose(services, null, "nova", NOW)).isEmpty();
  }

  @Test
  void nothingUsableIsEmptyAndTheFaultIsCindersServiceNotFound() {
    assertThat(picker(false, 0).choose(List.of(), null, null, NOW)).isEmpty();
    assertThat(picker(false, 0).choose(List.of(service("off", "nova", true, NOW)), null, null, NOW)).isEmpty();
    ApiException e = BackupHostPicker.serviceNotFound();
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("Service cinder-backup could not be found.");
  }

  @Test
  void sameHostModeKeepsTheBackupsOwnHostOnlyWhileItIsUsable() {
    List<Service> services = List.of(up("mine"), up("other"));
    for (long seed = 0; seed < 20; seed++) {
      assertThat(picker(true, seed).choose(services, "mine", null, NOW)).contains("mine");
    }
    List<Service> mineDown = List.of(service("mine", "nova", false, NOW.minusSeconds(300)), up("other"));
    assertThat(picker(true, 0).choose(mineDown, "mine", null, NOW)).isEmpty();
    List<Service> mineDisabled = List.of(service("mine", "nova", true, NOW), up("other"));
    assertThat(picker(true, 0).choose(mineDisabled, "mine", null, NOW)).isEmpty();
    assertThat(picker(true, 0).choose(List.of(up("other")), "mine", null, NOW)).isEmpty();
    assertThat(picker(true, 0).choose(services, "mine", "az2", NOW)).isEmpty();
  }

  @Test
  void sameHostModeWithoutAHostFallsBackToAnyService() {
    assertThat(picker(true, 0).choose(List.of(up("only")), null, null, NOW)).contains("only");
    assertThat(picker(true, 0).choose(List.of(up("only")), "", null, NOW)).contains("only");
  }
}
