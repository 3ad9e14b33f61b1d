package org.cinderemu.backup.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cinderemu.backup.driver.ChangedExtents.Extent;
import org.junit.jupiter.api.Test;

class ChangedExtentsTest {

  @Test
  void mergesRunsOfChangedBlocks() {
    List<String> parent = List.of("a", "b", "c", "d", "e", "f");
    // chunk = blocks 2..5 of the volume
    List<Extent> extents = ChangedExtents.of(List.of("c", "X", "Y", "f"), parent, 2, 10, 40);
    assertThat(extents).containsExactly(new Extent(10, 20));

    assertThat(ChangedExtents.of(List.of("X", "d", "Z", "f"), parent, 2, 10, 40))
        .containsExactly(new Extent(0, 10), new Extent(20, 10));
    assertThat(ChangedExtents.of(List.of("c", "d"), parent, 2, 10, 20)).isEmpty();
  }

  @Test
  void blocksBeyondTheParentAreNewAndTheLastBlockMayBeShort() {
    List<String> parent = List.of("a", "b");
    assertThat(ChangedExtents.of(List.of("a", "b", "n1", "n2"), parent, 0, 10, 35))
        .containsExactly(new Extent(20, 15));
  }
}
