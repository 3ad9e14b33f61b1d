package org.cinderemu.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.random.RandomGenerator;
import org.cinderemu.common.host.HostString;
import org.cinderemu.scheduler.state.HostManager;

/**
 * The scheduler's half of backup host selection, for backup create (docs/cinder-reference.md §1.6): a random backup
 * service whose last report says {@code backend_state} true and whose AZ matches the volume's; or, with
 * {@code backup_use_same_host}, the volume's own node if the database has a usable backup service there.
 * Reports are never aged, so a dead backup node stays a candidate (as in Cinder) until the scheduler restarts.
 * An empty result means {@code ServiceNotFound}: "Service not found for creating backup."
 */
public final class BackupHostChooser {

  private final HostManager hostManager;
  private final boolean useSameHost;
  private final RandomGenerator random;

  public BackupHostChooser(HostManager hostManager, RandomGenerator random) {
    this.hostManager = hostManager;
    this.useSameHost = hostManager.options().backupUseSameHost();
    this.random = random;
  }

  /**
   * @param volumeHost         the volume's {@code host} ({@code node@backend#pool}); null or empty allowed
   * @param availabilityZone   the volume's AZ; null or empty matches every AZ
   * @param sameHostServiceUp  (host, az) → whether an enabled, up {@code cinder-backup} service with exactly
   *                           that host and (when az is set) that AZ exists; only asked in same-host mode
   * @return the backup host to cast {@code create_backup} to
   */
  public Optional<String> chooseForCreate(String volumeHost, String availabilityZone,
      BiPredicate<String, String> sameHostServiceUp) {
    return choose(volumeHost, availabilityZone, null, sameHostServiceUp);
  }

  /** As {@link #chooseForCreate}, also requiring the report's {@code driver_name} when one is given. */
  public Optional<String> choose(String volumeHost, String availabilityZone, String driverName,
      BiPredicate<String, String> sameHostServiceUp) {
    String host = volumeHost == null || volumeHost.isEmpty()
        ? null : HostString.extract(volumeHost, HostString.Level.HOST);
    if (host == null || host.isEmpty() || !useSameHost) {
      List<String> candidates = candidates(availabilityZone, driverName);
      return candidates.isEmpty()
          ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }
    return sameHostServiceUp.test(host, availabilityZone) ? Optional.of(host) : Optional.empty();
  }

  /** Backup hosts whose report allows them, in report arrival order. */
  public List<String> candidates(String availabilityZone, String driverName) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonObject> e : hostManager.backupServiceStates().entrySet()) {
      JsonObject caps = e.getValue();
      if (!PyValues.truthy(caps.getValue("backend_state"))) {
        continue;
      }
      if (availabilityZone != null && !availabilityZone.isEmpty()
          && !Objects.equals(availabilityZone, caps.getValue("availability_zone"))) {
        continue;
      }
      if (driverName != null && !driverName.isEmpty() && !Objects.equals(driverName, caps.getValue("driver_name"))) {
        continue;
      }
      out.add(e.getKey());
    }
    return out;
  }
}
