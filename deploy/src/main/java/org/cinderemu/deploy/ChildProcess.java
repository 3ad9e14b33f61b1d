package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One running child: output appended to {@code logs/<name>.log} (0600, see {@link ChildLog}), pid recorded in
 * {@code run/<name>.pid}, stdin a {@link ParentLifeline} from this process. Started in its own session (setsid)
 * when available, so a Ctrl-C on the terminal reaches only the supervisor, which then stops the children in
 * order, and a detached stack outlives the terminal.
 */
public final class ChildProcess {

  private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final ChildSpec spec;
  private final StateDir state;
  private final ChildLog log;
  private final Process process;

  private ChildProcess(ChildSpec spec, StateDir state, ChildLog log, Process process) {
    this.spec = spec;
    this.state = state;
    this.log = log;
    this.process = process;
  }

  public static ChildProcess start(ChildSpec spec, StateDir state) throws IOException {
    state.readyFile(spec.name()).delete();
    spec.save(state.specFile(spec.name()));  // before the start: a child that runs can always be started again
    // appended to below a separator: the previous runs' lines stay, the tail of a failure is this run's
    ChildLog log = ChildLog.open(state.logFile(spec.name()), Clock.systemDefaultZone(),
        ProcessHandle.current().pid());
    ProcessBuilder builder = new ProcessBuilder(inOwnSession(spec.command()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put(ParentLifeline.ENV, ParentLifeline.STDIN);
    Process process = builder.start();
    state.pidFile(spec.name()).write(process.pid());
    return new ChildProcess(spec, state, log, process);
  }

  public static List<String> inOwnSession(List<String> command) {
    return SETSID.stream().filter(Files::isExecutable).findFirst()
        .map(setsid -> {
          List<String> cmd = new ArrayList<>(command.size() + 1);
          cmd.add(setsid.toString());  // not a group leader, so setsid execs in place and the pid stays the child's
          cmd.addAll(command);
          return cmd;
        })
        .orElse(command);
  }

  /** Lets the child outlive this process (`up --detach`). */
  public void detach() {
    ParentLifeline.detach(process.getOutputStream());
  }

  public String name() {
    return spec.name();
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Completes once the child has exited and been reaped, so {@link #exitCode()} is known. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Ready once the service wrote its ready file with this very process's pid (never a stale one). */
  public boolean isReady() {
    return state.readyFile(spec.name()).read().stream().anyMatch(pid -> pid == process.pid());
  }

  public Path logFile() {
    return log.file();
  }

  /** The last lines this run of the child wrote to its log, to show why it failed. */
  public String logTail(int lines) {
    return log.tail(lines);
  }
}
