package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.ProcessSignature;
import org.cinderemu.deploy.RecordedStack;
import org.cinderemu.deploy.StateDir;

/**
 * The children of one stack by the names {@code status} shows ({@code cinder-volume@node2}, {@code cinder-api}),
 * found through what `up` recorded in the state directory; a wrong name is answered with the right ones.
 */
final class StackChildren {

  private final StateDir state;
  private final RecordedStack stack;

  StackChildren(StateDir state) {
    this.state = state;
    this.stack = RecordedStack.of(state);
  }

  StateDir state() {
    return state;
  }

  /** {@code child} if this stack has one of that name. */
  String known(String child) {
    if (!stack.binaries().contains(child)) {
      throw new LaunchException("no child '" + child + "' in the stack of " + state + "; its children: "
          + String.join(", ", stack.binaries()));
    }
    return child;
  }

  /** The child's live process (a pid file whose process is this stack's, as {@code status} decides). */
  ProcessHandle live(String child) {
    return state.pidFile(known(child)).liveProcess(ProcessSignature.of(state))
        .orElseThrow(() -> new LaunchException(child + " is not running (see cinder-emu status --state-dir "
            + state + ")"));
  }

  /** Whether a child of this name runs now. */
  boolean running(String child) {
    return stack.running().containsKey(child);
  }

  /** The running children, in the order `up` started them. */
  List<String> runningChildren() {
    return List.copyOf(stack.running().keySet());
  }

  /**
   * A killed service could not withdraw its ready file and admin URL: they go, so that nothing (status, a
   * client of its admin endpoint, a restart waiting for readiness) reads a dead process's announcements.
   */
  void withdrawAnnouncements(String child) {
    state.readyFile(child).delete();
    try {
      Files.deleteIfExists(state.adminFile(child));
    } catch (IOException e) {
      throw new LaunchException("cannot delete " + state.adminFile(child) + ": " + e.getMessage(), e);
    }
  }
}
