package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class InMemoryDataStoreTest extends VolumeDataStoreContract {

  private static final int CHUNK = 64 * 1024;

  @Override
  protected VolumeDataStore newStore(Vertx vertx) {
    return new InMemoryDataStore(CHUNK); // small chunks so the contract's writes straddle chunk borders
  }

  private InMemoryDataStore memory() {
    return (InMemoryDataStore) store;
  }

  @Test
  void onlyWrittenChunksCostMemory() throws Exception {
    await(store.create("big", 1L << 30));
    assertThat(memory().storedBytes()).isZero();

    await(store.write("big", CHUNK - 10, randomBytes(3, 20))); // touches two chunks
    assertThat(memory().storedBytes()).isEqualTo(2L * CHUNK);

    await(store.write("big", 0, Buffer.buffer(new byte[3 * CHUNK]))); // zeros again: chunks are dropped
    assertThat(memory().storedBytes()).isZero();
    assertThat(await(store.read("big", 0, 3 * CHUNK)).getBytes()).containsOnly(0);

    await(store.write("big", 5L * CHUNK, randomBytes(4, 100)));
    await(store.delete("big"));
    assertThat(memory().storedBytes()).isZero();
  }
}
