package org.cinderemu.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.ServiceVerticle;
import org.cinderemu.deploy.topology.ServiceUnit;

/**
 * When a service child of {@code up} counts as ready: its ready file holds its pid (every verticle deployed, and
 * no other process answering in its place), and then what a user would check: cinder-api answers
 * {@code GET /healthcheck} with 200 {@code OK}; every other binary has a fresh row per service in the
 * {@code services} table.
 */
final class ServiceReadiness {

  private ServiceReadiness() {
  }

  /**
   * The readiness of a child running {@code units} (one, or every unit with --in-process): the healthcheck when
   * cinder-api is among them, and the services rows of all the others, read from each unit's own cinder.conf.
   */
  static StartupSteps.Readiness of(List<ServiceUnit> units, String apiUrl, Duration downTime) {
    List<ServiceRows.Expected> expected = new ArrayList<>();
    boolean api = false;
    for (ServiceUnit unit : units) {
      if (unit.binary() == ServiceBinary.API) {
        api = true;
      } else {
        expected.addAll(expected(unit.binary(), load(unit.conf())));
      }
    }
    StartupSteps.Readiness rows = servicesTable(expected, downTime);
    if (!api) {
      return rows;
    }
    StartupSteps.Readiness health = healthcheck(apiUrl);
    return expected.isEmpty() ? health : (child, poll) -> health.check(child, poll)
        .flatMap(url -> rows.check(child, poll).map(hosts -> url + ", " + hosts));
  }

  private static CinderConf load(Path conf) {
    try {
      return CinderConf.load(conf);
    } catch (IOException e) {
      throw new LaunchException("cannot read " + conf + ": " + e.getMessage(), e);
    }
  }

  static StartupSteps.Readiness healthcheck(String apiUrl) {
    URI uri = Healthcheck.of(apiUrl);
    return (child, poll) -> child.isReady() && Healthcheck.healthy(uri)
        ? Optional.of(apiUrl + ", pid " + child.pid()) : Optional.empty();
  }

  static StartupSteps.Readiness servicesTable(List<ServiceRows.Expected> expected, Duration downTime) {
    return (child, poll) -> {
      if (!child.isReady()) {
        return Optional.empty();
      }
      List<ServiceRows.Row> rows = poll.serviceRows();
      List<ServiceRows.State> states = expected.stream()
          .map(e -> ServiceRows.state(e, rows, poll.startedAt(), poll.now(), downTime)).toList();
      if (!states.stream().allMatch(ServiceRows::started)) {
        return Optional.empty();
      }
      String hosts = java.util.stream.IntStream.range(0, expected.size())
          .mapToObj(i -> expected.get(i).host() + (states.get(i) == ServiceRows.State.DISABLED ? " disabled" : ""))
          .collect(Collectors.joining(", "));
      return Optional.of(hosts + ", pid " + child.pid());
    };
  }

  /** The services rows a binary's child registers: one per verticle, with the host the verticle computes. */
  static List<ServiceRows.Expected> expected(ServiceBinary binary, CinderConf conf) {
    return binary.verticles(conf).stream()
        .filter(ServiceVerticle.class::isInstance)
        .map(ServiceVerticle.class::cast)
        .map(v -> new ServiceRows.Expected(v.binary(), v.serviceHost()))
        .toList();
  }
}
