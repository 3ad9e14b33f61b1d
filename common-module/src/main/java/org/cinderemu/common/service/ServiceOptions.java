package org.cinderemu.common.service;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/**
 * The service options of docs/cinder-reference.md §5.2, read once from cinder.conf. Read them where the service
 * is built (the verticle's constructor), not on its event loop: with {@code host} unset this looks the machine's
 * hostname up.
 */
public record ServiceOptions(
    String host,
    String availabilityZone,
    int reportIntervalSeconds,
    int serviceDownTimeSeconds,
    int periodicIntervalSeconds,
    Path statePath) {

  /** Default: the machine's hostname. */
  public static final Opt<String> HOST = Opt.string(CinderConf.DEFAULT, "host", null);
  public static final Opt<String> STORAGE_AVAILABILITY_ZONE =
      Opt.string(CinderConf.DEFAULT, "storage_availability_zone", "nova");
  public static final Opt<Integer> REPORT_INTERVAL = Opt.integer(CinderConf.DEFAULT, "report_interval", 10);
  public static final Opt<Integer> SERVICE_DOWN_TIME = Opt.integer(CinderConf.DEFAULT, "service_down_time", 60);
  public static final Opt<Integer> PERIODIC_INTERVAL = Opt.integer(CinderConf.DEFAULT, "periodic_interval", 60);
  public static final Opt<String> STATE_PATH = Opt.string(CinderConf.DEFAULT, "state_path", "/var/lib/cinder");
  /** Read by the API (delete, restore, reset-status) and by the scheduler (create): one declaration for both. */
  public static final Opt<Boolean> BACKUP_USE_SAME_HOST = Opt.bool(CinderConf.DEFAULT, "backup_use_same_host", false);

  public static ServiceOptions from(CinderConf conf) {
    return from(conf, LocalHostname.MACHINE);
  }

  /** The options with {@code host} defaulting to {@code hostname}, which is asked only when host is not set. */
  public static ServiceOptions from(CinderConf conf, Supplier<String> hostname) {
    int report = conf.get(REPORT_INTERVAL);
    int down = conf.get(SERVICE_DOWN_TIME);
    // Cinder forces a down time that a healthy heartbeat could miss up to 2.5 report intervals
    if (down <= report) {
      down = (int) Math.ceil(report * 2.5);
    }
    return new ServiceOptions(
        conf.find(HOST).orElseGet(hostname),
        conf.get(STORAGE_AVAILABILITY_ZONE),
        report,
        down,
        conf.get(PERIODIC_INTERVAL),
        Path.of(conf.get(STATE_PATH)));
  }
}
