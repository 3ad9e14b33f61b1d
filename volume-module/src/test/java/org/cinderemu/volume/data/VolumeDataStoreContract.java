package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VolumeDataStore} must do; each implementation's test extends this. */
abstract class VolumeDataStoreContract {

  protected Vertx vertx;
  protected VolumeDataStore store;

  protected abstract VolumeDataStore newStore(Vertx vertx) throws Exception;

  @BeforeEach
  void setUpStore() throws Exception {
    vertx = Vertx.vertx();
    store = newStore(vertx);
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  protected static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  protected static Buffer randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  @Test
  void newVolumesReadAsZerosAndKeepWrittenBytes() throws Exception {
    await(store.create("v1", 1_000_000));
    assertThat(await(store.exists("v1"))).isTrue();
    assertThat(await(store.size("v1"))).isEqualTo(1_000_000L);
    assertThat(await(store.read("v1", 999_000, 1000)).getBytes()).containsOnly(0);

    Buffer data = randomBytes(1, 300_000); // spans several in-memory chunks at an unaligned offset
    await(store.write("v1", 123_457, data));

    assertThat(await(store.read("v1", 123_457, data.length()))).isEqualTo(data);
    Buffer around = await(store.read("v1", 123_456, data.length() + 2));
    assertThat(around.getByte(0)).isZero();
    assertThat(around.getByte(around.length() - 1)).isZero();
    assertThat(await(store.read("v1", 0, 0)).length()).isZero();
  }

  @Test
  void rangesOutsideTheVolumeAreRefused() throws Exception {
    await(store.create("v1", 4096));
    assertThatThrownBy(() -> await(store.read("v1", 4000, 97))).isInstanceOf(VolumeDataRangeException.class)
        .hasMessageContaining("[4000, 4097)").hasMessageContaining("v1");
    assertThatThrownBy(() -> await(store.write("v1", 4096, Buffer.buffer("x"))))
        .isInstanceOf(VolumeDataRangeException.class);
    assertThatThrownBy(() -> await(store.read("v1", -1, 1))).isInstanceOf(VolumeDataRangeException.class);
    assertThat(await(store.read("v1", 4095, 1)).length()).isEqualTo(1);
  }

  @Test
  void unknownVolumesAreReportedAndDeleteIsIdempotent() throws Exception {
    assertThat(await(store.exists("nope"))).isFalse();
    assertThatThrownBy(() -> await(store.read("nope", 0, 1))).isInstanceOf(NoSuchVolumeDataException.class);
    assertThatThrownBy(() -> await(store.write("nope", 0, Buffer.buffer("x"))))
        .isInstanceOf(NoSuchVolumeDataException.class);
    assertThatThrownBy(() -> await(store.size("nope"))).isInstanceOf(NoSuchVolumeDataException.class);
    assertThatThrownBy(() -> await(store.extend("nope", 10))).isInstanceOf(NoSuchVolumeDataException.class);
    await(store.delete("nope"));
  }

  @Test
  void createTwiceFailsAndDeleteForgets() throws Exception {
    await(store.create("v1", 10));
    await(store.write("v1", 0, Buffer.buffer("0123456789")));
    assertThatThrownBy(() -> await(store.create("v1", 10))).isInstanceOf(IllegalStateException.class);
    assertThat(await(store.read("v1", 0, 10)).toString()).isEqualTo("0123456789");

    await(store.delete("v1"));
    assertThat(await(store.exists("v1"))).isFalse();
    await(store.create("v1", 10));
    assertThat(await(store.read("v1", 0, 10)).getBytes()).containsOnly(0);
  }

  @Test
  void extendGrowsWithZerosAndNeverShrinks() throws Exception {
    await(store.create("v1", 10));
    await(store.write("v1", 0, Buffer.buffer("abcdefghij")));
    await(store.extend("v1", 20));
    assertThat(await(store.size("v1"))).isEqualTo(20L);
    Buffer all = await(store.read("v1", 0, 20));
    assertThat(all.getString(0, 10)).isEqualTo("abcdefghij");
    assertThat(all.getBuffer(10, 20).getBytes()).containsOnly(0);
    assertThatThrownBy(() -> await(store.extend("v1", 5))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsafeIdsAreRefused() {
    assertThatThrownBy(() -> await(store.create("../escape", 10))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(store.create("a/b", 10))).isInstanceOf(IllegalArgumentException.class);
  }
}
