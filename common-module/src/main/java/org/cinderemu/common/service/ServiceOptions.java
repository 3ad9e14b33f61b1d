package org.cinderemu.common.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.cinderemu.common.config.CinderConf;

/** The service options of §5.2, read once from cinder.conf. */
public record ServiceOptions(
    String host,
    String availabilityZone,
    int reportIntervalSeconds,
    int serviceDownTimeSeconds,
    int periodicIntervalSeconds,
    Path statePath) {

  public static ServiceOptions from(CinderConf conf) {
    int report = conf.getInt(CinderConf.DEFAULT, "report_interval", 10);
    int down = conf.getInt(CinderConf.DEFAULT, "service_down_time", 60);
    // Cinder forces a down time that a healthy heartbeat could miss up to 2.5 report intervals
    if (down <= report) {
      down = (int) Math.ceil(report * 2.5);
    }
    return new ServiceOptions(
        conf.getDefault("host", localHostname()),
        conf.getDefault("storage_availability_zone", "nova"),
        report,
        down,
        conf.getInt(CinderConf.DEFAULT, "periodic_interval", 60),
        Path.of(conf.getDefault("state_path", ".state")));
  }

  /** Cinder's default for {@code host}: the machine's hostname. */
  public static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
