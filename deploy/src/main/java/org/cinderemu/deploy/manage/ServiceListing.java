package org.cinderemu.deploy.manage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.objects.Service;

/**
 * cinder-manage's texts for services: {@code service list}'s fixed-width table (Python's {@code %-Ns}
 * columns, which pad but never cut, and print a missing value as {@code None}) and the not-found message.
 */
final class ServiceListing {

  private static final String FORMAT = "%-16s %-36s %-16s %-10s %-5s %-20s %-12s %-15s %-36s";
  // str() of a datetime as read back from Cinder's MariaDB, whose DATETIME columns keep whole seconds
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ServiceListing() {
  }

  /** The header and one line per service; up ({@code :-)}) when its last heartbeat is within downTime of now. */
  static List<String> lines(List<Service> services, LocalDateTime now, Duration downTime) {
    List<String> lines = new ArrayList<>();
    lines.add(row("Binary", "Host", "Zone", "Status", "State", "Updated At", "RPC Version", "Object Version",
        "Cluster"));
    for (Service s : services) {
      lines.add(row(s.binary(), s.host(), s.availabilityZone(), s.disabled() ? "disabled" : "enabled",
          ServiceRepository.isUp(s, now, downTime) ? ":-)" : "XXX", time(s.updatedAt()), s.rpcCurrentVersion(),
          s.objectCurrentVersion(), s.clusterName() == null ? "" : s.clusterName()));
    }
    return lines;
  }

  /** What {@code service remove} prints when no live service matches: its line and ServiceNotFound's. */
  static String notFound(String binary, String host) {
    String reason = host.isEmpty() ? "Service " + binary + " could not be found."
        : "Service " + binary + " could not be found on host " + host + ".";
    return "Host not found. Failed to remove " + binary + " on " + host + ".\n" + reason;
  }

  static String time(LocalDateTime t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).format(TIME);
  }

  private static String row(Object... values) {
    Object[] shown = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      shown[i] = values[i] == null ? "None" : values[i];
    }
    return String.format(FORMAT, shown);
  }
}
