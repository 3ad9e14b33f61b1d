package org.cinderemu.deploy.logs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu logs [SERVICE] [--follow] [--request req-…]}: the stack's service logs merged in time order,
 * each line prefixed by its service; {@code --request} keeps one request's events from every service it crossed.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the services' logs in time order, each line prefixed by its service. SERVICE picks the "
        + "logs whose name starts with it (cinder-volume matches every cinder-volume log).")
public final class LogsCommand implements Callable<Integer> {

  static final long FOLLOW_POLL_MILLIS = 250;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "e.g. cinder-volume; default: all")
  String service;

  @Mixin
  StateDirOption stateDir;

  @Option(names = {"-f", "--follow"}, description = "keep printing lines as the services write them (Ctrl-C ends)")
  boolean follow;

  @Option(names = "--request", paramLabel = "req-…", description = "only the events of this request id")
  String request;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (request != null && !request.startsWith("req-")) {
      throw new LaunchException("--request takes a request id such as req-0f3c…, as Cinder logs and returns it "
          + "in the x-openstack-request-id header; got '" + request + "'");
    }
    Path dir = stateDir.state().logsDir();
    List<Path> files = LogFiles.select(dir, service);
    if (files.isEmpty() && !follow) {
      throw new LaunchException("no " + (service == null ? "" : service + "* ") + "log in " + dir
          + (Files.isDirectory(dir) ? "" : " (no stack ever ran with --state-dir " + stateDir.argument() + ")"));
    }
    PrintWriter out = spec.commandLine().getOut();
    Predicate<LogEntry> keep = request == null ? e -> true : e -> e.mentions(request);
    int width = files.stream().mapToInt(f -> LogFiles.serviceOf(f).length()).max().orElse(16);
    LogFollower follower = new LogFollower(dir, service, keep);
    follower.markEnds();
    LogFiles.merge(files, follow ? follower::offset : f -> Long.MAX_VALUE, keep,
        e -> out.println(e.formatted(width)));
    out.flush();
    while (follow) {
      follower.poll(e -> out.println(e.formatted(width)));
      out.flush();
      Thread.sleep(FOLLOW_POLL_MILLIS);
    }
    return 0;
  }
}
