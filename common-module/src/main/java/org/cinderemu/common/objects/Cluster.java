package org.cinderemu.common.objects;

import java.time.LocalDateTime;

/**
 * A row of {@code clusters} (docs/cinder-reference.md §5.1) with what Cinder derives from its member services:
 * {@code lastHeartbeat} (the newest member heartbeat), {@code numHosts} and {@code numDownHosts}.
 */
public record Cluster(
    Integer id,
    String name,
    String binary,
    boolean disabled,
    String disabledReason,
    String replicationStatus,
    String activeBackendId,
    boolean frozen,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    LocalDateTime lastHeartbeat,
    int numHosts,
    int numDownHosts) {

  public Cluster withMembers(LocalDateTime heartbeat, int hosts, int downHosts) {
    return new Cluster(id, name, binary, disabled, disabledReason, replicationStatus, activeBackendId, frozen,
        createdAt, updatedAt, heartbeat, hosts, downHosts);
  }
}
