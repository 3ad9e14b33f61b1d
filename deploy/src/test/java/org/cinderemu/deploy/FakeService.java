package org.cinderemu.deploy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * A stand-in service child for {@link SupervisorTest}: {@code FakeService <name> <stateDir> <mode>} where mode is
 * {@code ready} (announce readiness, remove it on SIGTERM), {@code never} (never ready), {@code exit} (die at once
 * with code 3) or {@code stubborn} (ready, but ignores SIGTERM).
 */
public final class FakeService {

  public static void main(String[] args) throws InterruptedException {
    String name = args[0];
    StateDir state = new StateDir(Path.of(args[1]));
    String mode = args[2];
    System.out.println("fake " + name + " starting in mode " + mode);
    if (mode.equals("exit")) {
      System.out.println("fake " + name + " failing on purpose");
      System.exit(3);
    }
    if (mode.equals("stubborn")) {
      Signal.handle(new Signal("TERM"), signal -> { });  // swallow SIGTERM: only SIGKILL ends it
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      state.readyFile(name).delete();
      System.out.println("fake " + name + " stopped");
    }));
    if (!mode.equals("never")) {
      state.readyFile(name).write(ProcessHandle.current().pid());
    }
    ParentLifeline.watch(name);  // last: it loads the logging, which SupervisorTest's short timeouts do not wait for
    new CountDownLatch(1).await();
  }

  static ChildSpec spec(String name, StateDir state, String mode) {
    return ChildSpec.javaMain(name, FakeService.class.getName(), java.util.List.of(name, state.toString(), mode));
  }
}
