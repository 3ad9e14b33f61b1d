package org.cinderemu.deploy.status;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** What {@code cinder-emu status} shows of one stack: its processes, services, queues and resources by status. */
public record StackReport(
    List<Process> processes,
    List<ServiceState> services,
    List<QueueState> queues,
    Map<String, Long> volumesByStatus,
    Map<String, Long> backupsByStatus,
    List<String> problems) {

  public StackReport {
    processes = List.copyOf(processes);
    services = List.copyOf(services);
    queues = List.copyOf(queues);
    // sorted by status, so the text and JSON list them in one order on every run
    volumesByStatus = Collections.unmodifiableMap(new TreeMap<>(volumesByStatus));
    backupsByStatus = Collections.unmodifiableMap(new TreeMap<>(backupsByStatus));
    problems = List.copyOf(problems);
  }

  /** One child process the launcher recorded. */
  public record Process(String name, OptionalLong pid, boolean running, boolean ready, String adminUrl) {
  }

  /**
   * One {@code services} row with its process: {@code state} is {@code up} when its last heartbeat is within
   * {@code service_down_time}, as os-services computes it.
   */
  public record ServiceState(String binary, String host, String zone, String status, String state,
      String lastHeartbeat, OptionalLong pid, String adminUrl) {
  }

  /** A queue as the broker reports it; {@code unacked} is null where only AMQP (no management API) answers. */
  public record QueueState(String name, long ready, Long unacked, int consumers) {
  }

  /** Every recorded process running and ready. */
  public boolean allReady() {
    return !processes.isEmpty() && processes.stream().allMatch(p -> p.running() && p.ready());
  }
}
