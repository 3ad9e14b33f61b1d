package org.cinderemu.api.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.cinderemu.common.objects.fields.ReplicationStatus;
import org.cinderemu.common.objects.fields.VolumeAttachStatus;
import org.cinderemu.common.objects.fields.VolumeMigrationStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;

/**
 * Cinder's volume status vocabularies (cinder/objects/fields.py, docs/cinder-reference.md §7) and the API's
 * preconditions.
 */
public final class VolumeStates {

  public static final Set<String> STATUSES = allWires(VolumeStatus.class);
  public static final Set<String> ATTACH_STATUSES = allWires(VolumeAttachStatus.class);
  public static final Set<String> MIGRATION_STATUSES = allWires(VolumeMigrationStatus.class);

  /** Statuses a volume may be deleted from without force (docs/cinder-reference.md §7.1). */
  public static final List<String> DELETABLE = WireEnum.wires(VolumeStatus.AVAILABLE, VolumeStatus.ERROR,
      VolumeStatus.ERROR_RESTORING, VolumeStatus.ERROR_EXTENDING, VolumeStatus.ERROR_MANAGING);
  /**
   * Cinder's AVAILABLE_MIGRATION_STATUS: migration states that do not block delete or migrate. "deleting" is
   * a migration_status Cinder's volume/api.py names but objects/fields.py has no constant for.
   */
  public static final List<String> NOT_MIGRATING = Collections.unmodifiableList(Arrays.asList(null, "deleting",
      VolumeMigrationStatus.ERROR.wire(), VolumeMigrationStatus.SUCCESS.wire()));
  /** Every attach status but attached (the conditional update's {@code Not('attached')}). */
  public static final List<String> NOT_ATTACHED = ATTACH_STATUSES.stream()
      .filter(s -> !VolumeAttachStatus.ATTACHED.is(s)).sorted().toList();
  /** Replication states that allow a migration. */
  public static final List<String> NOT_REPLICATED = Collections.unmodifiableList(Arrays.asList(null,
      ReplicationStatus.DISABLED.wire(), ReplicationStatus.NOT_CAPABLE.wire()));

  private static <E extends Enum<E> & WireEnum> Set<String> allWires(Class<E> type) {
    return Set.copyOf(WireEnum.wires(type.getEnumConstants()));
  }

  private VolumeStates() {
  }
}
