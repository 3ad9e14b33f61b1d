package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cinderemu.common.admin.AdminOptions;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.service.ServiceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cinder-emu service <binary> --config FILE}: one Cinder service in this JVM, a supervisor child or alone. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Run one service (cinder-api, cinder-scheduler, cinder-volume, cinder-backup) in this JVM "
        + "until SIGTERM, logging to stdout: as a child of `up`, or alone (a systemd unit, docs/multi-host.md), "
        + "where it first creates state_path if missing and checks that the database and the broker answer. "
        + "Writes <state_path>/run/<name>.ready once every verticle is deployed.")
public final class ServiceCommand implements Callable<Integer> {

  /** The child's name, when it is not the binary's (a service of an emulated host: cinder-volume@node2). */
  public static final String NAME_OPTION = "--name";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);
  private static final long STOP_TIMEOUT_SECONDS = 8;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(CinderEmu.READY_TIMEOUT_SECONDS);

  @Parameters(index = "0", paramLabel = "BINARY", converter = BinaryConverter.class,
      description = "cinder-api, cinder-scheduler, cinder-volume or cinder-backup")
  ServiceBinary binary;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "the cinder.conf to run with")
  Path config;

  @Option(names = NAME_OPTION, paramLabel = "NAME",
      description = "name of the ready file and of the log lines about this process (default: the binary)")
  String name;

  @Override
  public Integer call() throws Exception {
    String child = name == null ? binary.binaryName() : name;
    CinderConf conf = CinderConf.load(config);
    if (StandaloneChecks.standalone()) {
      StandaloneChecks.run(binary, conf);  // no `up` checked the state dir, database and broker for this process
    }
    return serve(child, conf, () -> binary.verticles(conf));
  }

  /**
   * Deploys the verticles on one Vert.x, writes the ready file {@code <state_path>/run/<child>.ready}, and serves
   * until a signal ends the JVM (its shutdown hook closes Vert.x). Shared by {@code service} and {@code services}.
   */
  static int serve(String child, CinderConf conf, Supplier<List<Deployable>> build) throws InterruptedException {
    ParentLifeline.watch(child);
    List<Deployable> verticles;
    try {
      verticles = build.get();
    } catch (LaunchException | CinderConf.ConfigException e) {
      LOG.error("{}: {}", child, e.getMessage());
      return 1;
    }
    DbServerCommand.awaitListening(conf.find(DatabaseUrl.CONNECTION).orElse(null), READY_TIMEOUT);
    StateDir state = new StateDir(Path.of(conf.get(ServiceOptions.STATE_PATH)));
    ProcessMetrics metrics = ProcessMetrics.current();
    ServiceRunner runner = new ServiceRunner(child, state.readyFile(child), metrics.newVertx())
        .withAdmin(AdminOptions.from(conf), HttpServerLimits.from(conf), metrics, state.adminFile(child));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(child, runner), child + "-shutdown"));
    try {
      runner.start(verticles).await(CinderEmu.READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("{} failed to start", child, e);
      return 1;  // the exit runs the shutdown hook, which closes Vert.x
    }
    new CountDownLatch(1).await();  // serve until a signal ends the JVM through the shutdown hook
    return 0;
  }

  private static void stopQuietly(String child, ServiceRunner runner) {
    try {
      runner.stop().await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly", child, e);
    }
  }

  static final class BinaryConverter implements ITypeConverter<ServiceBinary> {
    @Override
    public ServiceBinary convert(String value) {
      return ServiceBinary.fromName(value);
    }
  }
}
