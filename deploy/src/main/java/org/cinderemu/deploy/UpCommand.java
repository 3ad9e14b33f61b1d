package org.cinderemu.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.service.LocalHostname;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.deploy.broker.BrokerLaunch;
import org.cinderemu.deploy.broker.BrokerMode;
import org.cinderemu.deploy.broker.BrokerServerCommand;
import org.cinderemu.deploy.chaos.proxy.ChaosProxyLaunch;
import org.cinderemu.deploy.topology.TopologyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cinder-emu up}: the whole stack, one child JVM per service binary, like devstack's c-api/c-sch/c-vol/c-bak. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start cinder-api, cinder-scheduler, cinder-volume and cinder-backup, each in its own JVM, "
        + "wait until all are ready and print the endpoints. Stays in the foreground (Ctrl-C stops everything) "
        + "unless --detach is given.")
public final class UpCommand implements Callable<Integer> {

  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "cinder.conf to run (default: the seed lab shipped as deploy/conf/cinder.conf)")
  Path config;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".state",
      description = "state_path of the stack: effective config, logs, pid files, database (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Option(names = "--detach", description = "return once the stack is ready; stop it later with `down`")
  boolean detach;

  @Option(names = "--api-port", paramLabel = "N", description = "override [DEFAULT] osapi_volume_listen_port")
  Integer apiPort;

  @Mixin
  TopologyOptions topology;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + CinderEmu.READY_TIMEOUT_SECONDS,
      description = "how long to wait for every service to be ready (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--broker", paramLabel = "auto|embedded|external", defaultValue = "auto",
      converter = BrokerMode.Converter.class,
      description = "auto (default): the config's transport_url, else RabbitMQ if it answers on 127.0.0.1:5672, "
          + "else an embedded broker; embedded: always the embedded one; external: never")
  BrokerMode broker;

  @Option(names = "--chaos-proxy", description = "run each service's broker link through a proxy of its own, for "
      + "`cinder-emu chaos proxy` toxics and partitions (docs/chaos.md \"Broker faults\")")
  boolean chaosProxy;

  @Option(names = "--delivery-mode", paramLabel = "oslo|reliable",
      description = "set [oslo_messaging_rabbit] emulator_delivery_mode in every service's conf (docs/chaos.md)")
  String deliveryMode;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StateDir state = new StateDir(stateDir).create();
    try (StackLock lock = StackLock.acquire(state)) {
      refuseIfRunning(state);
      CinderConf base = StackConfig.loadBase(Optional.ofNullable(config));
      BrokerLaunch brokerLaunch = BrokerLaunch.choose(broker, base, state);
      StackConfig stack = brokerLaunch.configure(StackConfig.derive(base, state, apiPort).withDeliveryMode(deliveryMode));
      topology.refuseBadInput(stack.conf());  // a bad topology, or cinder-volume's own refusal, before anything starts
      stack.write();  // written before the checks, so that a refused start leaves the config it refused to look at
      brokerLaunch.preflight(stack);
      NetworkChecks.requirePortFree(stack.apiListen(), stack.apiPort(), "osapi_volume_listen_port");
      // the local H2 database gets a server process of its own, started with the services and stopped last
      List<StartupSteps.Step> infrastructure = new ArrayList<>();
      if (stack.conf().find(DatabaseUrl.CONNECTION).isEmpty()) {
        int dbPort = NetworkChecks.freeLoopbackPort();
        stack = stack.withDatabase(DbServerCommand.connectionUrl(dbPort, DbPassword.ensure(state)));
        infrastructure.add(new StartupSteps.Step("database", ChildSpec.javaMain(DbServerCommand.NAME,
            CinderEmu.class.getName(), List.of("db-server", "--state-dir", state.root().toString(), "--port",
                Integer.toString(dbPort))), StartupSteps.readyFile(DbServerCommand.NAME)));
      }
      brokerLaunch.children().forEach(child -> infrastructure.add(new StartupSteps.Step("broker", child,
          StartupSteps.readyFile(BrokerServerCommand.NAME + " on " + brokerLaunch.address()))));
      Path conf = stack.write();
      out.println(brokerLaunch.describe(stack));
      ChaosProxyLaunch proxy = new ChaosProxyLaunch(state, chaosProxy);
      List<StartupSteps.Step> services = serviceSteps(stack, conf, proxy);
      proxy.child().ifPresent(child -> infrastructure.add(new StartupSteps.Step("chaos proxy", child,
          StartupSteps.readyFile(proxy.describe()))));
      ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.unicodeTerminal());
      try (ServicesTable table = new ServicesTable(DatabaseUrl.fromConf(stack.conf(), state.root()))) {
        return run(stack, new StartupSteps(state, printer, infrastructure, services, table::liveRows), table,
            printer, out, err);
      }
    }
  }

  /**
   * One step per child the topology runs (one per service binary without one), each ready by the services table
   * and, for a child that runs cinder-api, the healthcheck.
   */
  private List<StartupSteps.Step> serviceSteps(StackConfig stack, Path conf, ChaosProxyLaunch proxy) {
    Duration downTime = Duration.ofSeconds(stack.conf().get(ServiceOptions.SERVICE_DOWN_TIME));
    List<ChildSpec> children = proxy.route(topology.children(stack, conf));
    List<StartupSteps.Step> steps = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      ChildSpec child = children.get(i);
      steps.add(new StartupSteps.Step(child.name(), child,
          ServiceReadiness.of(topology.unitsPerChild().get(i), stack.apiUrl(), downTime)));
    }
    return steps;
  }

  private int run(StackConfig stack, StartupSteps steps, ServicesTable table, ProgressPrinter printer,
      PrintWriter out, PrintWriter err) {
    Runnable stopAll = () -> steps.stop(STOP_GRACE);
    Thread stopOnSignal = new Thread(() -> stop(stopAll, out), "cinder-emu-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    out.println("cinder-emu: starting the stack in " + steps.state());
    out.flush();
    Duration took;
    try {
      took = steps.startAndAwait(Duration.ofSeconds(timeoutSeconds));
    } catch (LaunchException e) {
      table.close();
      err.println("cinder-emu: " + e.getMessage());
      err.println("cinder-emu: stopping the other services");
      err.flush();
      stopAll.run();
      removeHook(stopOnSignal);
      return 1;
    }
    table.close();
    printer.ready(took);
    out.println(stack.endpoints());
    writePrometheusTargets(stack, out, err);
    if (detach) {
      removeHook(stopOnSignal);  // the children outlive this process; `down` stops them through the pid files
      steps.detach();
      out.println("detached; stop with: cinder-emu down --state-dir " + steps.state());
      out.flush();
      return 0;
    }
    out.println("running in the foreground; Ctrl-C stops every service");
    out.flush();
    return runInForeground(steps.services(), stopAll, stopOnSignal, err);
  }

  /** The scrape configuration for the admin ports just chosen; a stack that runs without it is still a stack. */
  private static void writePrometheusTargets(StackConfig stack, PrintWriter out, PrintWriter err) {
    try {
      PrometheusTargets targets = PrometheusTargets.read(stack.state(), RecordedStack.of(stack.state()).binaries(),
          stack.conf().find(ServiceOptions.HOST).orElseGet(LocalHostname.MACHINE));
      out.println("Prometheus scrape config: " + targets.write(stack.state()));
    } catch (IOException | RuntimeException e) {
      err.println("cinder-emu: cannot write " + PrometheusTargets.FILE_NAME + ": " + e.getMessage());
    }
  }

  private static void refuseIfRunning(StateDir state) {
    Map<String, ProcessHandle> running = RecordedStack.of(state).running();
    if (!running.isEmpty()) {
      throw new LaunchException("a stack from " + state + " is already running ("
          + running.entrySet().stream().map(e -> e.getKey() + " pid " + e.getValue().pid())
              .collect(Collectors.joining(", "))
          + "); stop it with `cinder-emu down --state-dir " + state + "` or use another --state-dir");
    }
  }

  /** Waits until the children are gone: normally through Ctrl-C and the shutdown hook, else by dying on their own. */
  private static int runInForeground(Supervisor supervisor, Runnable stopAll, Thread stopOnSignal,
      PrintWriter err) {
    for (ChildProcess c : supervisor.children()) {
      c.onExit().thenRun(() -> {
        if (!supervisor.isStopping()) {
          err.println("cinder-emu: " + c.name() + " (pid " + c.pid() + ") exited with code "
              + c.exitCode().orElse(-1) + "; see " + c.logFile());
          err.flush();
        }
      });
    }
    supervisor.allExited().join();
    if (supervisor.isStopping()) {
      return 0;  // the shutdown hook is stopping the stack; the JVM ends when it is done
    }
    stopAll.run();
    removeHook(stopOnSignal);
    err.println("cinder-emu: every service has exited");
    return 1;
  }

  private static void stop(Runnable stopAll, PrintWriter out) {
    out.println("\ncinder-emu: stopping every service (SIGTERM, SIGKILL after " + STOP_GRACE.toSeconds() + " s)");
    out.flush();
    stopAll.run();
    out.println("cinder-emu: stopped");
    out.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or has run
    }
  }
}
