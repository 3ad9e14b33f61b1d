package org.cinderemu.volume.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DriverFaultTest {

  private final RandomGenerator random = new SplittableRandom(7);

  @Test
  void theContractsExampleParsesAndPrintsBack() {
    JsonObject body = new JsonObject("{\"error_rate\":0.1,\"latency_ms\":200,\"jitter_ms\":50,"
        + "\"capacity_exhausted\":true,\"backend_state\":\"down\",\"operations\":[\"create_volume\"]}");
    DriverFault f = DriverFault.fromJson(body);
    assertThat(f).isEqualTo(new DriverFault(0.1, 200, 50, true, "down", List.of("create_volume")));
    assertThat(DriverFault.fromJson(f.toJson())).isEqualTo(f);
    assertThat(f.isDown()).isTrue();
  }

  @Test
  void anEmptyBodyIsNoFault() {
    assertThat(DriverFault.fromJson(new JsonObject()).isNone()).isTrue();
  }

  @Test
  void badFieldsAreRefusedByName() {
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject().put("error_rate", 1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error_rate must be a number from 0 to 1");
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject().put("latency_ms", "slow")))
        .hasMessageContaining("latency_ms");
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject().put("backend_state", "sideways")))
        .hasMessageContaining("backend_state");
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject().put("errorrate", 1)))
        .hasMessageContaining("unknown driver fault field 'errorrate'");
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject("{\"operations\":[\"snapshot\"]}")))
        .hasMessageContaining("unknown driver operation snapshot");
    assertThatThrownBy(() -> DriverFault.fromJson(new JsonObject().put("capacity_exhausted", "yes")))
        .hasMessageContaining("capacity_exhausted");
  }

  @Test
  void errorRateAndLatencyApplyOnlyToTheNamedOperations() {
    DriverFault f = new DriverFault(1.0, 100, 0, false, "up", List.of(DriverFault.CREATE));
    assertThat(f.fails(DriverFault.CREATE, random)).isTrue();
    assertThat(f.fails(DriverFault.DELETE, random)).isFalse();
    assertThat(f.delayMs(DriverFault.CREATE, random)).isEqualTo(100);
    assertThat(f.delayMs(DriverFault.EXTEND, random)).isZero();
    DriverFault all = new DriverFault(1.0, 0, 0, false, "up", List.of());
    assertThat(DriverFault.OPERATIONS).allMatch(op -> all.fails(op, random));
  }

  @Test
  void jitterStaysWithinItsBoundsAndNeverBelowZero() {
    DriverFault f = new DriverFault(0, 200, 50, false, "up", List.of());
    for (int i = 0; i < 1000; i++) {
      assertThat(f.delayMs(DriverFault.CREATE, random)).isBetween(150L, 250L);
    }
    DriverFault wide = new DriverFault(0, 10, 100, false, "up", List.of());
    for (int i = 0; i < 1000; i++) {
      assertThat(wide.delayMs(DriverFault.CREATE, random)).isBetween(0L, 110L);
    }
  }

  @Test
  void aRateIsARate() {
    DriverFault f = new DriverFault(0.25, 0, 0, false, "up", List.of());
    long failed = java.util.stream.IntStream.range(0, 10_000).filter(i -> f.fails(DriverFault.CREATE, random)).count();
    assertThat(failed).isBetween(2_200L, 2_800L);
    assertThat(DriverFault.NONE.fails(DriverFault.CREATE, random)).isFalse();
  }

  @Test
  void faultsBelongToRegisteredBackendsAndTellThemOfChanges() {
    DriverFaults faults = new DriverFaults();
    int[] told = new int[1];
    faults.register("h@a", () -> told[0]++);
    faults.register("h@b", () -> { });
    DriverFault down = new DriverFault(0, 0, 0, false, "down", List.of());
    faults.set("h@a", down);
    assertThat(told[0]).isEqualTo(1);
    assertThat(faults.fault("h@a")).isEqualTo(down);
    assertThat(faults.fault("h@b").isNone()).isTrue();
    assertThatThrownBy(() -> faults.set("h@zz", down)).hasMessageContaining("known: h@a, h@b");
    faults.setAll(down);
    assertThat(faults.all().values()).containsOnly(down);
    faults.clearAll();
    assertThat(faults.all().values()).allMatch(DriverFault::isNone);
    faults.set("h@a", down);
    faults.unregister("h@a");
    assertThat(faults.find("h@a")).isEmpty();
  }
}
