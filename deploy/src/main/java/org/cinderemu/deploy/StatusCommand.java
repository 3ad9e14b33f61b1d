package org.cinderemu.deploy;

import java.util.concurrent.Callable;
import org.cinderemu.deploy.status.ReportPrinter;
import org.cinderemu.deploy.status.StackReader;
import org.cinderemu.deploy.status.StackReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu status}: the stack's processes, its services as the database records them, its queues as the
 * broker reports them, and volumes and backups by status. Exit code 0 only when every process runs and is ready.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each process (pid, running, ready, admin URL), each service (binary, host, zone, status, "
        + "state, last heartbeat), the deployment's queues (ready, unacked, consumers) and volumes and backups by "
        + "status. Exits 0 when all processes are ready, 3 (LSB \"not running\") otherwise.")
public final class StatusCommand implements Callable<Integer> {

  static final int NOT_ALL_RUNNING = 3;

  @Spec
  CommandSpec spec;

  @Mixin
  StackLocation stack;

  @Option(names = "--json", description = "the same as one JSON object, for scripts")
  boolean json;

  @Override
  public Integer call() {
    StackReport report = new StackReader(stack.state(), stack.configFile()).read();
    ReportPrinter.print(report, json, spec.commandLine().getOut());
    return report.allReady() ? 0 : NOT_ALL_RUNNING;
  }
}
