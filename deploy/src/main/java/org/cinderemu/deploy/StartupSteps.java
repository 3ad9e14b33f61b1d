package org.cinderemu.deploy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The steps of {@code up}: every child (database, broker, services) is spawned at once, since the services wait
 * for their database themselves, and each step gets its progress line as soon as it is ready. The
 * infrastructure children (database, broker) are stopped after the services.
 */
final class StartupSteps {

  private static final long POLL_MILLIS = 25;

  /** What the readiness checks of one poll share: the services table, read at most once per poll. */
  interface Poll {
    List<ServiceRows.Row> serviceRows();

    LocalDateTime startedAt();

    LocalDateTime now();
  }

  /** Decides whether a step's child is ready: empty while not, else the details its progress line shows. */
  @FunctionalInterface
  interface Readiness {
    Optional<String> check(ChildProcess child, Poll poll);
  }

  /** One progress line: a child process, its label ("database", "cinder-volume") and what makes it ready. */
  record Step(String label, ChildSpec spec, Readiness readiness) {
  }

  private final StateDir state;
  private final ProgressPrinter printer;
  private final List<Step> infrastructure;
  private final List<Step> services;
  private final Supplier<List<ServiceRows.Row>> readRows;
  private final Supervisor infrastructureChildren;
  private final Supervisor serviceChildren;

  StartupSteps(StateDir state, ProgressPrinter printer, List<Step> infrastructure, List<Step> services,
      Supplier<List<ServiceRows.Row>> readRows) {
    this.state = state;
    this.printer = printer;
    this.infrastructure = List.copyOf(infrastructure);
    this.services = List.copyOf(services);
    this.readRows = readRows;
    this.infrastructureChildren = new Supervisor(state, this.infrastructure.stream().map(Step::spec).toList());
    this.serviceChildren = new Supervisor(state, this.services.stream().map(Step::spec).toList());
  }

  /** Ready once its ready file holds the child's pid: the database server, and the broker's hook. */
  static Readiness readyFile(String detail) {
    return (child, poll) -> child.isReady() ? Optional.of(detail + ", pid " + child.pid()) : Optional.empty();
  }

  /**
   * Spawns every child, then prints each step's line as it becomes ready. Returns how long the whole start took;
   * throws {@link LaunchException} when a child exits first or at the timeout (the caller stops the rest).
   */
  Duration startAndAwait(Duration timeout) {
    long t0 = System.nanoTime();
    LocalDateTime startedAt = LocalDateTime.now(ZoneOffset.UTC);
    infrastructureChildren.start();
    serviceChildren.start();
    Map<Step, ChildProcess> pending = new LinkedHashMap<>();
    zip(infrastructure, infrastructureChildren.children(), pending);
    zip(services, serviceChildren.children(), pending);
    long deadline = t0 + timeout.toNanos();
    while (!pending.isEmpty()) {
      PollOnce poll = new PollOnce(startedAt);
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        Optional<String> detail = e.getValue().isAlive() ? e.getKey().readiness().check(e.getValue(), poll)
            : Optional.empty();
        if (detail.isPresent()) {
          printer.done(e.getKey().label(), detail.get(), Duration.ofNanos(System.nanoTime() - t0));
          it.remove();
        } else if (!e.getValue().isAlive()) {
          printer.failed(e.getKey().label(), "exited");
          throw new LaunchException(Supervisor.describe(List.of(e.getValue()), "exited before it was ready"));
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      if (System.nanoTime() - deadline >= 0) {
        pending.keySet().forEach(s -> printer.failed(s.label(), "not ready after " + timeout.toSeconds() + " s"));
        throw new LaunchException(Supervisor.describe(List.copyOf(pending.values()),
            "not ready after " + timeout.toSeconds() + " s"));
      }
      sleep();
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static void zip(List<Step> steps, List<ChildProcess> children, Map<Step, ChildProcess> into) {
    for (int i = 0; i < steps.size(); i++) {
      into.put(steps.get(i), children.get(i));
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);  // the launcher's own thread: no event loop to block
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while waiting for the services to be ready");
    }
  }

  /** Services first, then the database and broker they use. */
  void stop(Duration grace) {
    serviceChildren.stop(grace);
    infrastructureChildren.stop(grace);
  }

  void detach() {
    serviceChildren.detach();
    infrastructureChildren.detach();
  }

  /** The service children, whose exits the foreground {@code up} watches. */
  Supervisor services() {
    return serviceChildren;
  }

  StateDir state() {
    return state;
  }

  private final class PollOnce implements Poll {
    private final LocalDateTime startedAt;
    private final LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    private List<ServiceRows.Row> rows;

    PollOnce(LocalDateTime startedAt) {
      this.startedAt = startedAt;
    }

    @Override
    public List<ServiceRows.Row> serviceRows() {
      if (rows == null) {
        rows = new ArrayList<>(readRows.get());
      }
      return rows;
    }

    @Override
    public LocalDateTime startedAt() {
      return startedAt;
    }

    @Override
    public LocalDateTime now() {
      return now;
    }
  }
}
