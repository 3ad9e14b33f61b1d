package org.cinderemu.common.objects;

import java.time.LocalDateTime;

/**
 * A row of {@code messages}: a user-visible message such as "schedule allocate volume: Could not find
 * any available weighted backend" ({@code event_id} {@code VOLUME_VOLUME_001_003}, docs/cinder-reference.md §6.7).
 */
public record UserMessage(
    String id,
    String projectId,
    String requestId,
    String resourceType,
    String resourceUuid,
    String eventId,
    String detailId,
    String messageLevel,
    LocalDateTime expiresAt,
    LocalDateTime createdAt) {
}
