package org.cinderemu.volume.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.volume.data.InMemoryDataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated driver under injected faults: failures as a real driver's, latency on timers, changed reports. */
class EmulatedDriverFaultsTest {

  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<DriverFault> fault = new AtomicReference<>(DriverFault.NONE);
  private final EmulatedDriver driver = new EmulatedDriver(vertx,
      BackendConfig.from(EmulatedPoolsTest.SEED, "whatever_it_is"), new InMemoryDataStore(), 0, fault::get,
      new SplittableRandom(1));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Volume volume(String id, int size) {
    return Volume.builder().id(id).userId("u").projectId("p").size(size).host("h@whatever_it_is#new_lvm_backend")
        .status("creating").build();
  }

  private static <T> Throwable failureOf(Future<T> f) throws Exception {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (RemoteError e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void anErrorRateOfOneFailsEveryCreateAsVolumeBackendApiException() throws Exception {
    fault.set(new DriverFault(1.0, 0, 0, false, "up", List.of(DriverFault.CREATE)));
    Throwable e = failureOf(driver.createVolume(volume("v1", 1)));
    assertThat(((RemoteError) e).className()).isEqualTo("VolumeBackendAPIException");
    assertThat(driver.pools().allocatedGb("new_lvm_backend")).isZero();
    // delete is not among the operations: it succeeds
    driver.deleteData(volume("v1", 1)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void latencyIsWaitedOnATimer() throws Exception {
    fault.set(new DriverFault(0, 300, 0, false, "up", List.of()));
    long start = System.nanoTime();
    driver.createVolume(volume("v2", 1)).await(10, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(290);
  }

  @Test
  void exhaustedCapacityReportsNoFreeSpaceAndRefusesCreatesAndExtends() throws Exception {
    driver.createVolume(volume("v3", 2)).await(10, TimeUnit.SECONDS);
    fault.set(new DriverFault(0, 0, 0, true, "up", List.of()));
    JsonObject pool = driver.stats().getJsonArray("pools").getJsonObject(0);
    assertThat(pool.getValue("free_capacity_gb")).isEqualTo(0);
    assertThat(pool.containsKey("backend_state")).isFalse();
    assertThat(failureOf(driver.createVolume(volume("v4", 1)))).hasMessageContaining("insufficient free space");
    assertThat(((RemoteError) failureOf(driver.extendVolume(volume("v3", 2), 3))).className())
        .isEqualTo("VolumeSizeExceedsAvailableQuota");
    fault.set(DriverFault.NONE);
    assertThat(driver.stats().getJsonArray("pools").getJsonObject(0).getValue("free_capacity_gb")).isEqualTo(8L);
  }

  @Test
  void aDownBackendSaysSoInEveryPool() {
    fault.set(new DriverFault(0, 0, 0, false, "down", List.of()));
    assertThat(driver.stats().getJsonArray("pools").getJsonObject(0).getString("backend_state")).isEqualTo("down");
  }

  @Test
  void connectionCallsFailWhenNamed() throws Exception {
    fault.set(new DriverFault(1.0, 0, 0, false, "up", List.of(DriverFault.INITIALIZE_CONNECTION)));
    assertThat(failureOf(driver.operation(DriverFault.INITIALIZE_CONNECTION)))
        .hasMessageContaining("emulated initialize_connection failure");
    driver.operation(DriverFault.TERMINATE_CONNECTION).await(10, TimeUnit.SECONDS);
  }
}
