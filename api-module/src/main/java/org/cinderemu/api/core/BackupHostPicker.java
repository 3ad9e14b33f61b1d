package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.service.ServiceOptions;

/**
 * The API's half of backup host selection (docs/cinder-reference.md §1.6, cinder/backup/api.py
 * {@code _get_available_backup_service_host}): delete, restore and reset-status go to a {@code cinder-backup}
 * service picked here from the {@code services} table, not by the scheduler. By default any enabled, up service
 * in the backup's zone, in random order (no round-robin); with {@code backup_use_same_host} only the backup's own
 * host, and only while it is enabled and up. Nothing usable is Cinder's ServiceNotFound: 404 itemNotFound.
 */
public final class BackupHostPicker {

  public static final String BACKUP_TOPIC = org.cinderemu.common.rpc.api.ServiceTopic.BACKUP.topic();

  private final Database db;
  private final boolean useSameHost;
  private final Duration serviceDownTime;
  private final RandomGenerator random;

  public BackupHostPicker(Database db, boolean useSameHost, Duration serviceDownTime, RandomGenerator random) {
    this.db = db;
    this.useSameHost = useSameHost;
    this.serviceDownTime = serviceDownTime;
    this.random = random;
  }

  /** {@code backup_use_same_host} from cinder.conf, {@code service_down_time} as the API options read it. */
  public static BackupHostPicker from(ApiEnvironment env, CinderConf conf) {
    return new BackupHostPicker(env.db(), conf.get(ServiceOptions.BACKUP_USE_SAME_HOST),
        env.options().serviceDownTime(), new Random());
  }

  /**
   * @param backupHost the backup's current {@code host} (null before it was ever scheduled)
   * @param availabilityZone the backup's zone; null or empty matches every zone
   * @return the host to cast to; fails with 404 "Service cinder-backup could not be found." when none is usable
   */
  public Future<String> pick(String backupHost, String availabilityZone) {
    return db.services().listByTopic(BACKUP_TOPIC).compose(services ->
        choose(services, backupHost, availabilityZone, db.now())
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(serviceNotFound())));
  }

  /** The choice itself, over the live {@code cinder-backup} rows, at {@code now} (UTC). */
  public Optional<String> choose(List<Service> services, String backupHost, String availabilityZone,
      LocalDateTime now) {
    List<Service> enabled = services.stream().filter(s -> !s.disabled()).toList();
    if (backupHost == null || backupHost.isEmpty() || !useSameHost) {
      return shuffled(enabled).stream()
          .filter(s -> zoneMatches(s, availabilityZone) && ServiceRepository.isUp(s, now, serviceDownTime))
          .map(Service::host)
          .findFirst();
    }
    boolean usable = enabled.stream().anyMatch(s -> backupHost.equals(s.host()) && zoneMatches(s, availabilityZone)
        && ServiceRepository.isUp(s, now, serviceDownTime));
    return usable ? Optional.of(backupHost) : Optional.empty();
  }

  public static ApiException serviceNotFound() {
    return ApiException.notFound("Service " + BACKUP_TOPIC + " could not be found.");
  }

  private static boolean zoneMatches(Service s, String availabilityZone) {
    return availabilityZone == null || availabilityZone.isEmpty() || availabilityZone.equals(s.availabilityZone());
  }

  // Fisher-Yates, as random.shuffle: every enabled service is equally likely to be tried first
  private List<Service> shuffled(List<Service> services) {
    List<Service> out = new ArrayList<>(services);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Service tmp = out.get(i);
      out.set(i, out.get(j));
      out.set(j, tmp);
    }
    return out;
  }
}
