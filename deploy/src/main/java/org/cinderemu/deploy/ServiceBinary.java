package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.cinderemu.api.ApiVerticle;
import org.cinderemu.backup.BackupVerticle;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.scheduler.SchedulerVerticle;
import org.cinderemu.volume.VolumeVerticle;
import org.cinderemu.volume.driver.BackendConfig;

/** The four Cinder services, by the binary name Cinder gives them, with the verticles each process deploys. */
public enum ServiceBinary {
  API("cinder-api"),
  SCHEDULER("cinder-scheduler"),
  VOLUME("cinder-volume"),
  BACKUP("cinder-backup");

  private final String binaryName;

  ServiceBinary(String binaryName) {
    this.binaryName = binaryName;
  }

  public String binaryName() {
    return binaryName;
  }

  @Override
  public String toString() {
    return binaryName;
  }

  public static ServiceBinary fromName(String name) {
    for (ServiceBinary b : values()) {
      if (b.binaryName.equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown service binary '" + name + "', expected one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(ServiceBinary::binaryName).collect(Collectors.joining(", "));
  }

  /** The verticles this binary deploys; cinder-volume has one per enabled backend, as cinder/cmd/volume.py does. */
  public List<Deployable> verticles(CinderConf conf) {
    return switch (this) {
      case API -> List.of(new ApiVerticle(conf));
      case SCHEDULER -> List.of(new SchedulerVerticle(conf));
      case BACKUP -> List.of(new BackupVerticle(conf));
      case VOLUME -> enabledBackends(conf).stream().<Deployable>map(b -> new VolumeVerticle(conf, b)).toList();
    };
  }

  /** cinder-volume's backends; refused as Cinder refuses a conf without enabled_backends. */
  public static List<String> enabledBackends(CinderConf conf) {
    List<String> backends = conf.find(BackendConfig.ENABLED_BACKENDS).orElse(List.of());
    if (backends.isEmpty()) {
      // Cinder's own refusal since Ocata: the DEFAULT section no longer configures a driver
      throw new LaunchException("Configuration for cinder-volume does not specify \"enabled_backends\". "
          + "Using DEFAULT section to configure drivers is not supported since Ocata.");
    }
    return backends;
  }
}
