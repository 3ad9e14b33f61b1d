package org.cinderemu.deploy.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** {@code status} as text for people (a block per part) and as JSON for scripts ({@code --json}). */
public final class ReportPrinter {

  private static final String SERVICE_ROW = "  %-17s %-32s %-10s %-9s %-5s %-26s %-8s %s%n";
  private static final String QUEUE_ROW = "  %-48s %7s %8s %10s%n";

  private ReportPrinter() {
  }

  public static void print(StackReport report, boolean json, PrintWriter out) {
    if (json) {
      out.println(json(report).encodePrettily());
    } else {
      text(report, out);
    }
    out.flush();
  }

  static void text(StackReport r, PrintWriter out) {
    for (StackReport.Process p : r.processes()) {
      out.println(String.format("%-24s pid %-8s %-12s %-10s%s", p.name(), pid(p.pid()),
          p.running() ? "running" : "not running", p.ready() ? "ready" : "not ready",
          p.adminUrl() == null ? "" : " admin " + p.adminUrl()).stripTrailing());
    }
    if (!r.services().isEmpty()) {
      out.println();
      out.println("services:");
      out.printf(SERVICE_ROW, "Binary", "Host", "Zone", "Status", "State", "Last heartbeat (UTC)", "PID", "Admin");
      for (StackReport.ServiceState s : r.services()) {
        out.printf(SERVICE_ROW, s.binary(), s.host(), s.zone(), s.status(), s.state(), orDash(s.lastHeartbeat()),
            pid(s.pid()), orDash(s.adminUrl()));
      }
    }
    if (!r.queues().isEmpty()) {
      out.println();
      out.println("queues:");
      out.printf(QUEUE_ROW, "Name", "Ready", "Unacked", "Consumers");
      for (StackReport.QueueState q : r.queues()) {
        out.printf(QUEUE_ROW, q.name(), q.ready(), q.unacked() == null ? "-" : q.unacked(), q.consumers());
      }
    }
    if (!r.services().isEmpty() || !r.volumesByStatus().isEmpty()) {
      out.println();
      out.println("volumes: " + counts(r.volumesByStatus()));
      out.println("backups: " + counts(r.backupsByStatus()));
    }
    r.problems().forEach(p -> out.println("! " + p));
  }

  static JsonObject json(StackReport r) {
    JsonArray processes = new JsonArray();
    r.processes().forEach(p -> processes.add(new JsonObject().put("name", p.name()).put("pid", pidOrNull(p.pid()))
        .put("running", p.running()).put("ready", p.ready()).put("admin_url", p.adminUrl())
        .put("metrics_url", metricsUrl(p.adminUrl()))));
    JsonArray services = new JsonArray();
    r.services().forEach(s -> services.add(new JsonObject().put("binary", s.binary()).put("host", s.host())
        .put("zone", s.zone()).put("status", s.status()).put("state", s.state())
        .put("last_heartbeat", s.lastHeartbeat()).put("pid", pidOrNull(s.pid())).put("admin_url", s.adminUrl())
        .put("metrics_url", metricsUrl(s.adminUrl()))));
    JsonArray queues = new JsonArray();
    r.queues().forEach(q -> queues.add(new JsonObject().put("name", q.name()).put("ready", q.ready())
        .put("unacked", q.unacked()).put("consumers", q.consumers())));
    return new JsonObject()
        .put("processes", processes)
        .put("services", services)
        .put("queues", queues)
        .put("volumes", new JsonObject(new LinkedHashMap<>(r.volumesByStatus())))
        .put("backups", new JsonObject(new LinkedHashMap<>(r.backupsByStatus())))
        .put("problems", new JsonArray(r.problems()));
  }

  private static String metricsUrl(String adminUrl) {
    return adminUrl == null ? null : adminUrl.replaceAll("/+$", "") + "/metrics";
  }

  private static String counts(Map<String, Long> byStatus) {
    return byStatus.isEmpty() ? "none" : byStatus.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String pid(OptionalLong pid) {
    return pid.isPresent() ? Long.toString(pid.getAsLong()) : "-";
  }

  private static Long pidOrNull(OptionalLong pid) {
    return pid.isPresent() ? pid.getAsLong() : null;
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
