package org.cinderemu.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Recognises a process of one stack by its command line: it runs {@code mainClass} with an argument inside the
 * stack's state directory (the children get {@code --config <state>/cinder.conf} or {@code --state-dir <state>}).
 * A pid file outlives its process and the pid may then belong to anything: only a process that passes is
 * reported as running or signalled by {@code down}.
 */
public record ProcessSignature(String mainClass, StateDir state) implements Predicate<ProcessHandle> {

  /** The children `up` starts: {@link CinderEmu} on this state directory. */
  public static ProcessSignature of(StateDir state) {
    return new ProcessSignature(CinderEmu.class.getName(), state);
  }

  @Override
  public boolean test(ProcessHandle process) {
    List<String> args = commandLine(process);
    return args.contains(mainClass) && args.stream().anyMatch(this::inStateDir);
  }

  /** The process's argv (empty when it is gone or not ours to read): /proc on Linux, the JDK's view elsewhere. */
  public static List<String> commandLine(ProcessHandle process) {
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String raw = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
      } catch (IOException gone) {
        return List.of();
      }
    }
    ProcessHandle.Info info = process.info();
    List<String> args = new ArrayList<>();
    info.command().ifPresent(args::add);
    info.arguments().ifPresent(a -> args.addAll(Arrays.asList(a)));
    return args;
  }

  private boolean inStateDir(String arg) {
    if (!arg.startsWith("/")) {
      return false;
    }
    try {
      Path path = Path.of(arg).normalize();
      // the same directory may be named through a symbolic link by `up` and by `down`
      return path.startsWith(state.root()) || realPath(path).startsWith(realPath(state.root()));
    } catch (InvalidPathException notAPath) {
      return false;
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException missing) {
      return path;
    }
  }
}
