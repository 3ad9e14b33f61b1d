package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDir;

/**
 * The admin endpoints of a stack's running children, from the URL each wrote to {@code run/<child>.admin} once it
 * was ready (ServiceRunner). The database and broker servers have none and are never among them.
 */
public final class AdminEndpoints {

  private final StackChildren children;
  private final HttpClient http;

  AdminEndpoints(StackChildren children, HttpClient http) {
    this.children = children;
    this.http = http;
  }

  public static AdminEndpoints of(StateDir state) {
    return new AdminEndpoints(new StackChildren(state), AdminEndpoint.newClient());
  }

  /** Every running child that serves an admin endpoint, in the order `up` started them. */
  public List<AdminEndpoint> all() {
    List<AdminEndpoint> out = new ArrayList<>();
    for (String child : children.runningChildren()) {
      url(child).ifPresent(u -> out.add(new AdminEndpoint(child, u, http)));
    }
    return out;
  }

  /** The endpoint of {@code child}, which must run and serve one. */
  public AdminEndpoint of(String child) {
    children.known(child);
    if (!children.running(child)) {
      throw new LaunchException(child + " is not running (see cinder-emu status --state-dir " + children.state()
          + ")");
    }
    return url(child).map(u -> new AdminEndpoint(child, u, http))
        .orElseThrow(() -> new LaunchException(child + " has no admin endpoint (no "
            + children.state().adminFile(child) + "; not ready yet?)"));
  }

  /** {@code child}'s endpoint when given, else every one; never empty. */
  public List<AdminEndpoint> select(Optional<String> child) {
    if (child.isPresent()) {
      return List.of(of(child.get()));
    }
    List<AdminEndpoint> all = all();
    if (all.isEmpty()) {
      throw new LaunchException("no running child of " + children.state() + " serves an admin endpoint (is the "
          + "stack up? cinder-emu status --state-dir " + children.state() + ")");
    }
    return all;
  }

  private Optional<URI> url(String child) {
    Path file = children.state().adminFile(child);
    try {
      return Files.isReadable(file) ? Optional.of(URI.create(Files.readString(file).strip())) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new LaunchException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
