package org.cinderemu.deploy;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.ServiceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cinder-emu service <binary> --config FILE}: one Cinder service in this JVM, as a supervisor child. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Run one service (cinder-api, cinder-scheduler, cinder-volume, cinder-backup) in this JVM "
        + "until SIGTERM. Writes <state_path>/run/<binary>.ready once every verticle is deployed.")
public final class ServiceCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);
  private static final long STOP_TIMEOUT_SECONDS = 8;

  @Parameters(index = "0", paramLabel = "BINARY", converter = BinaryConverter.class,
      description = "cinder-api, cinder-scheduler, cinder-volume or cinder-backup")
  ServiceBinary binary;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "the cinder.conf to run with")
  Path config;

  @Override
  public Integer call() throws Exception {
    ParentLifeline.watch(binary.binaryName());
    CinderConf conf = CinderConf.load(config);
    List<Deployable> verticles;
    try {
      verticles = binary.verticles(conf);
    } catch (LaunchException e) {
      LOG.error("{}: {}", binary, e.getMessage());
      return 1;
    }
    StateDir state = new StateDir(Path.of(conf.get(ServiceOptions.STATE_PATH)));
    ServiceRunner runner = new ServiceRunner(binary.binaryName(), state.readyFile(binary.binaryName()), Vertx.vertx());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(runner), binary + "-shutdown"));
    try {
      runner.start(verticles).await(CinderEmu.READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("{} failed to start", binary, e);
      return 1;  // the exit runs the shutdown hook, which closes Vert.x
    }
    new CountDownLatch(1).await();  // serve until a signal ends the JVM through the shutdown hook
    return 0;
  }

  private void stopQuietly(ServiceRunner runner) {
    try {
      runner.stop().await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly", binary, e);
    }
  }

  static final class BinaryConverter implements ITypeConverter<ServiceBinary> {
    @Override
    public ServiceBinary convert(String value) {
      return ServiceBinary.fromName(value);
    }
  }
}
