package org.cinderemu.api.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;
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

  public static final Opt<String> DEFAULT_VOLUME_TYPE =
      Opt.string(CinderConf.DEFAULT, "default_volume_type", VolumeType.DEFAULT_NAME);
  public static final Opt<String> DEFAULT_AVAILABILITY_ZONE =
      Opt.string(CinderConf.DEFAULT, "default_availability_zone", null);
  public static final Opt<Boolean> ALLOW_AVAILABILITY_ZONE_FALLBACK =
      Opt.bool(CinderConf.DEFAULT, "allow_availability_zone_fallback", false);
  public static final Opt<Integer> QUOTA_VOLUMES = Opt.integer(CinderConf.DEFAULT, "quota_volumes", 10);
  public static final Opt<Integer> PER_VOLUME_SIZE_LIMIT = Opt.integer(CinderConf.DEFAULT, "per_volume_size_limit", -1);
  public static final Opt<Integer> QUOTA_SNAPSHOTS = Opt.integer(CinderConf.DEFAULT, "quota_snapshots", 10);
  public static final Opt<Integer> QUOTA_GIGABYTES = Opt.integer(CinderConf.DEFAULT, "quota_gigabytes", 1000);
  public static final Opt<Integer> QUOTA_BACKUPS = Opt.integer(CinderConf.DEFAULT, "quota_backups", 10);
  public static final Opt<Integer> QUOTA_BACKUP_GIGABYTES =
      Opt.integer(CinderConf.DEFAULT, "quota_backup_gigabytes", 1000);
  public static final Opt<Integer> QUOTA_GROUPS = Opt.integer(CinderConf.DEFAULT, "quota_groups", 10);
  public static final Opt<Integer> EMULATOR_MAX_VOLUME_METADATA_ITEMS = Opt.integer(CinderConf.DEFAULT,
      "emulator_max_volume_metadata_items", DEFAULT_MAX_VOLUME_METADATA_ITEMS, 0, null);

  public static ApiOptions from(CinderConf conf) {
    ServiceOptions service = ServiceOptions.from(conf);
    // Cinder's quota resources in the order its QUOTAS engine registers them
    Map<String, Integer> quotas = new LinkedHashMap<>();
    quotas.put("volumes", conf.get(QUOTA_VOLUMES));
    quotas.put(PER_VOLUME_GIGABYTES, conf.get(PER_VOLUME_SIZE_LIMIT));
    quotas.put("snapshots", conf.get(QUOTA_SNAPSHOTS));
    quotas.put("gigabytes", conf.get(QUOTA_GIGABYTES));
    quotas.put("backups", conf.get(QUOTA_BACKUPS));
    quotas.put("backup_gigabytes", conf.get(QUOTA_BACKUP_GIGABYTES));
    quotas.put("groups", conf.get(QUOTA_GROUPS));
    return new ApiOptions(
        conf.get(DEFAULT_VOLUME_TYPE),
        service.availabilityZone(),
        conf.find(DEFAULT_AVAILABILITY_ZONE).filter(s -> !s.isBlank()),
        conf.get(ALLOW_AVAILABILITY_ZONE_FALLBACK),
        Duration.ofSeconds(service.serviceDownTimeSeconds()),
        quotas,
        conf.get(EMULATOR_MAX_VOLUME_METADATA_ITEMS));
  }

  /** The zone of a volume created without one: default_availability_zone, else storage_availability_zone. */
  public String fallbackAvailabilityZone() {
    return defaultAvailabilityZone.orElse(storageAvailabilityZone);
  }
}
