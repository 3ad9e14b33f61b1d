package org.cinderemu.deploy.status;

import java.util.List;
import java.util.Optional;
import org.cinderemu.deploy.topology.ServiceUnit;

/**
 * Which recorded child process serves a {@code services} row, from the child names alone: {@code binary@h} serves
 * that binary's rows on host {@code h} (and its backends {@code h@b}), a plain {@code binary} child the rest of
 * that binary's rows, and the one {@code --in-process} child every row.
 */
final class ProcessOfService {

  private ProcessOfService() {
  }

  static Optional<StackReport.Process> of(String binary, String host, List<StackReport.Process> processes) {
    String machine = host.contains("@") ? host.substring(0, host.indexOf('@')) : host;
    Optional<StackReport.Process> onHost = find(processes, binary + "@" + machine);
    if (onHost.isPresent()) {
      return onHost;
    }
    return find(processes, binary).or(() -> find(processes, ServiceUnit.IN_PROCESS_NAME));
  }

  private static Optional<StackReport.Process> find(List<StackReport.Process> processes, String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
