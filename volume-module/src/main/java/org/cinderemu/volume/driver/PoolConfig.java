package org.cinderemu.volume.driver;

/** One emulated pool's fixed properties (from the backend's section of cinder.conf). */
public record PoolConfig(
    String name,
    double totalCapacityGb,
    boolean thinProvisioning,
    double maxOverSubscriptionRatio,
    int reservedPercentage) {
}
