package org.cinderemu.common.trace;

import java.time.Instant;

/**
 * A status compare-and-set that applied to a volume or backup row, with the request it was made for. {@code from}
 * is what the update expected (several statuses joined by {@code |}; null for a new row).
 */
public record StatusChange(String requestId, String resourceType, String resourceId, String from, String to,
    String binary, String host, Instant at) {
}
