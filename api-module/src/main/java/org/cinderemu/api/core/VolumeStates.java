package org.cinderemu.api.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Cinder's volume status vocabularies (cinder/objects/fields.py, docs/cinder-reference.md §7) and the API's
 * preconditions.
 */
public final class VolumeStates {

  public static final Set<String> STATUSES = Set.of("creating", "available", "deleting", "error", "error_deleting",
      "error_managing", "managing", "attaching", "in-use", "detaching", "maintenance", "restoring-backup",
      "error_restoring", "reserved", "awaiting-transfer", "backing-up", "error_backing-up", "error_extending",
      "downloading", "uploading", "retyping", "extending");
  public static final Set<String> ATTACH_STATUSES = Set.of("attached", "attaching", "detached", "reserved",
      "error_attaching", "error_detaching", "deleted");
  public static final Set<String> MIGRATION_STATUSES = Set.of("migrating", "error", "success", "completing", "none",
      "starting");

  /** Statuses a volume may be deleted from without force (docs/cinder-reference.md §7.1). */
  public static final List<String> DELETABLE = List.of("available", "error", "error_restoring", "error_extending",
      "error_managing");
  /** Cinder's AVAILABLE_MIGRATION_STATUS: migration states that do not block delete or migrate. */
  public static final List<String> NOT_MIGRATING = Collections.unmodifiableList(Arrays.asList(null, "deleting",
      "error", "success"));
  /** Every attach status but attached (the conditional update's {@code Not('attached')}). */
  public static final List<String> NOT_ATTACHED = ATTACH_STATUSES.stream().filter(s -> !s.equals("attached"))
      .sorted().toList();
  /** Replication states that allow a migration. */
  public static final List<String> NOT_REPLICATED = Collections.unmodifiableList(Arrays.asList(null, "disabled",
      "not-capable"));

  private VolumeStates() {
  }
}
