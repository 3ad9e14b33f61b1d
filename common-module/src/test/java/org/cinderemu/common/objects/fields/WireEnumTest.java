package org.cinderemu.common.objects.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WireEnumTest {

  @Test
  void valuesCarryCindersWireStrings() {
    assertThat(VolumeStatus.IN_USE.wire()).isEqualTo("in-use");
    assertThat(VolumeStatus.ERROR_BACKING_UP.wire()).isEqualTo("error_backing-up");
    assertThat(VolumeStatus.RESTORING_BACKUP).hasToString("restoring-backup");
    assertThat(ReplicationStatus.NOT_CAPABLE.wire()).isEqualTo("not-capable");
    assertThat(VolumeAttachStatus.DETACHED.is("detached")).isTrue();
    assertThat(WireEnum.wires(BackupStatus.CREATING, BackupStatus.RESTORING)).containsExactly("creating", "restoring");
  }

  @Test
  void everyValueReadsBackFromItsWireString() {
    List<WireEnum[]> all = List.of(VolumeStatus.values(), BackupStatus.values(), VolumeAttachStatus.values(),
        VolumeMigrationStatus.values(), ReplicationStatus.values());
    for (WireEnum[] values : all) {
      assertThat(Stream.of(values).map(WireEnum::wire).distinct()).hasSize(values.length);
    }
    for (VolumeStatus s : VolumeStatus.values()) {
      assertThat(VolumeStatus.fromWire(s.wire())).contains(s);
    }
    assertThat(BackupStatus.fromWire("in-use")).isEmpty();
    assertThat(BackupStatus.fromWire(null)).isEmpty();
  }
}
