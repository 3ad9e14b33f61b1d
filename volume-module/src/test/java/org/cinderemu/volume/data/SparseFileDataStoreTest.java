package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseFileDataStoreTest extends VolumeDataStoreContract {

  private static final long GIB = 1L << 30;

  @TempDir
  Path dir;

  @Override
  protected VolumeDataStore newStore(Vertx vertx) {
    return new SparseFileDataStore(vertx, dir.resolve("volumes"));
  }

  private SparseFileDataStore sparse() {
    return (SparseFileDataStore) store;
  }

  @Test
  void oneFilePerVolumeNamedLikeCinder() throws Exception {
    await(store.create("48244dcc-0662-410b-9124-77aa7fd73d45", 4096));
    assertThat(sparse().fileOf("48244dcc-0662-410b-9124-77aa7fd73d45"))
        .isEqualTo(dir.resolve("volumes/volume-48244dcc-0662-410b-9124-77aa7fd73d45"))
        .isRegularFile();
  }

  @Test
  void largeVolumesAreSparse() throws Exception {
    // the JDK has no allocated-blocks attribute on Linux ("unix:blocks" does not exist), so watch the file
    // system's free space instead: a dense 4 GiB file would take all of it, a sparse one next to nothing
    long freeBefore = Files.getFileStore(dir).getUnallocatedSpace();
    await(store.create("big", 4 * GIB));
    await(store.write("big", 2 * GIB, randomBytes(7, 4096)));
    long consumed = freeBefore - Files.getFileStore(dir).getUnallocatedSpace();

    assertThat(Files.size(sparse().fileOf("big"))).isEqualTo(4 * GIB);
    assertThat(consumed).isLessThan(GIB);
    assertThat(await(store.read("big", 3 * GIB, 4096)).getBytes()).containsOnly(0);
  }

  @Test
  void deleteRemovesTheFile() throws Exception {
    await(store.create("v1", 10));
    await(store.write("v1", 0, Buffer.buffer("x")));
    Path file = sparse().fileOf("v1");
    await(store.delete("v1"));
    assertThat(file).doesNotExist();
  }
}
