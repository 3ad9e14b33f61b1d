package org.cinderemu.api.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.service.ServiceOptions;

/**
 * The cinder.conf options the API's business logic reads (volume types, zones, quotas, service state), with
 * Cinder's names and defaults.
 *
 * @param defaultVolumeType {@code default_volume_type}: the type of volumes created without one
 * @param storageAvailabilityZone {@code storage_availability_zone}: always accepted as a zone
 * @param defaultAvailabilityZone {@code default_availability_zone}: the zone of volumes created without one
 * @param allowAvailabilityZoneFallback {@code allow_availability_zone_fallback}: an unknown zone falls back
 *     to the default instead of failing
 * @param serviceDownTime {@code service_down_time}: os-services' up/down threshold
 * @param quotaDefaults default limits per quota resource ({@code quota_volumes}, ...), -1 = unlimited
 * @param maxVolumeMetadataItems {@code emulator_max_volume_metadata_items}: user metadata items one volume may
 *     have (Cinder has no limit; each item is a row every read of the volume loads)
 */
public record ApiOptions(
    String defaultVolumeType,
    String storageAvailabilityZone,
    Optional<String> defaultAvailabilityZone,
    boolean allowAvailabilityZoneFallback,
    Duration serviceDownTime,
    Map<String, Integer> quotaDefaults,
    int maxVolumeMetadataItems) {

  public static final String PER_VOLUME_GIGABYTES = "per_volume_gigabytes";
  public static final int DEFAULT_MAX_VOLUME_METADATA_ITEMS = 128;

  public ApiOptions {
    quotaDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(quotaDefaults));
  }

  public static ApiOptions from(CinderConf conf) {
    String d = CinderConf.DEFAULT;
    ServiceOptions service = ServiceOptions.from(conf);
    // Cinder's quota resources in the order its QUOTAS engine registers them
    Map<String, Integer> quotas = new LinkedHashMap<>();
    quotas.put("volumes", conf.getInt(d, "quota_volumes", 10));
    quotas.put(PER_VOLUME_GIGABYTES, conf.getInt(d, "per_volume_size_limit", -1));
    quotas.put("snapshots", conf.getInt(d, "quota_snapshots", 10));
    quotas.put("gigabytes", conf.getInt(d, "quota_gigabytes", 1000));
    quotas.put("backups", conf.getInt(d, "quota_backups", 10));
    quotas.put("backup_gigabytes", conf.getInt(d, "quota_backup_gigabytes", 1000));
    quotas.put("groups", conf.getInt(d, "quota_groups", 10));
    return new ApiOptions(
        conf.get(d, "default_volume_type", VolumeType.DEFAULT_NAME),
        service.availabilityZone(),
        conf.get(d, "default_availability_zone").filter(s -> !s.isBlank()),
        conf.getBool(d, "allow_availability_zone_fallback", false),
        Duration.ofSeconds(service.serviceDownTimeSeconds()),
        quotas,
        conf.getInt(d, "emulator_max_volume_metadata_items", DEFAULT_MAX_VOLUME_METADATA_ITEMS));
  }

  /** The zone of a volume created without one: default_availability_zone, else storage_availability_zone. */
  public String fallbackAvailabilityZone() {
    return defaultAvailabilityZone.orElse(storageAvailabilityZone);
  }
}
