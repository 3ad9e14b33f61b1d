package org.cinderemu.deploy.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.cinderemu.common.objects.Service;
import org.junit.jupiter.api.Test;

class ServiceListingTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 13, 9, 30, 250_000_000);

  private static Service.Builder service(String binary, String host) {
    return Service.builder().id(1).binary(binary).host(host).topic(binary).availabilityZone("nova")
        .rpcCurrentVersion("3.18").objectCurrentVersion("1.39");
  }

  @Test
  void headerAndRowsHaveCindersFixedWidthColumns() {
    Service up = service("cinder-volume", "emu-lab@lvmdriver-1").updatedAt(NOW.minusSeconds(9)).build();

    List<String> lines = ServiceListing.lines(List.of(up), NOW, Duration.ofSeconds(60));

    assertThat(lines).containsExactly(
        "Binary           Host                                 Zone             Status     State Updated At           "
            + "RPC Version  Object Version  Cluster                             ",
        "cinder-volume    emu-lab@lvmdriver-1                  nova             enabled    :-)   2026-11-25 13:09:21  "
            + "3.18         1.39                                                ");
  }

  @Test
  void aHeartbeatOlderThanServiceDownTimeIsXxxAndDisabledIsShown() {
    Service dead = service("cinder-backup", "emu-lab").disabled(true).updatedAt(NOW.minusSeconds(61)).build();
    Service edge = service("cinder-backup", "emu-lab2").updatedAt(NOW.minusSeconds(60)).build();

    List<String> lines = ServiceListing.lines(List.of(dead, edge), NOW, Duration.ofSeconds(60));

    assertThat(lines.get(1).substring(71, 82)).isEqualTo("disabled   ");
    assertThat(lines.get(1).substring(82, 88)).isEqualTo("XXX   ");
    assertThat(lines.get(2).substring(82, 88)).isEqualTo(":-)   ");
  }

  @Test
  void missingValuesPrintAsPythonsNoneButAMissingClusterIsEmpty() {
    Service fresh = Service.builder().id(2).binary("cinder-scheduler").host("h").topic("cinder-scheduler")
        .availabilityZone(null).build();

    String line = ServiceListing.lines(List.of(fresh), NOW, Duration.ofSeconds(60)).get(1);

    assertThat(line).isEqualTo(String.format("%-16s %-36s %-16s %-10s %-5s %-20s %-12s %-15s %-36s",
        "cinder-scheduler", "h", "None", "enabled", "XXX", "None", "None", "None", ""));
  }

  @Test
  void longValuesOverflowTheirColumnInsteadOfBeingCut() {
    String host = "a-very-long-host-name-that-exceeds-36@backend";
    Service s = service("cinder-volume", host).clusterName("ha@backend").updatedAt(NOW).build();

    String line = ServiceListing.lines(List.of(s), NOW, Duration.ofSeconds(60)).get(1);

    assertThat(line).startsWith("cinder-volume    " + host + " nova ").contains(" ha@backend");
  }

  @Test
  void notFoundPrintsCindersTwoLines() {
    assertThat(ServiceListing.notFound("cinder-volume", "ghost@lvm")).isEqualTo(
        "Host not found. Failed to remove cinder-volume on ghost@lvm.\n"
            + "Service cinder-volume could not be found on host ghost@lvm.");
    assertThat(ServiceListing.notFound("cinder-volume", "")).endsWith("\nService cinder-volume could not be found.");
  }
}
