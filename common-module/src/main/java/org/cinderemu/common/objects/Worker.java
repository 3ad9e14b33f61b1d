package org.cinderemu.common.objects;

import java.time.LocalDateTime;

/**
 * A row of {@code workers}: Cinder's cleanup bookkeeping (docs/cinder-reference.md §5.4). One row per resource in a
 * cleanable status; {@code serviceId} is the service working on it, {@code racePreventer} makes a claim
 * a compare-and-set.
 */
public record Worker(
    Integer id,
    String resourceType,
    String resourceId,
    String status,
    Integer serviceId,
    int racePreventer,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime deletedAt,
    boolean deleted) {

  public static final String VOLUME = "Volume";
  public static final String SNAPSHOT = "Snapshot";
}
