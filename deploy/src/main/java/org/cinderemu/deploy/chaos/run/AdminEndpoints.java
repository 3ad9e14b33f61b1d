package org.cinderemu.deploy.chaos.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin endpoints of the stack's children: {@code /metrics} and the fault controls under {@code /chaos}. */
final class AdminEndpoints {

  private final Http http;
  private final RunStack stack;

  AdminEndpoints(Http http, RunStack stack) {
    this.http = http;
    this.stack = stack;
  }

  /** The children with an admin endpoint that are alive now, by name. */
  Map<String, String> live() {
    Map<String, String> urls = new LinkedHashMap<>();
    for (String child : stack.running().keySet()) {
      stack.adminUrl(child).ifPresent(u -> urls.put(child, u));
    }
    return urls;
  }

  /** {@code target}'s admin URL; {@code *} or null means every live child. */
  List<Map.Entry<String, String>> targets(String target) {
    Map<String, String> live = live();
    if (target == null || target.equals("*")) {
      return List.copyOf(live.entrySet());
    }
    return live.entrySet().stream().filter(e -> e.getKey().equals(target) || e.getKey().startsWith(target + "@"))
        .toList();
  }

  Optional<String> metricsText(String adminUrl) {
    Http.Answer a = http.send("GET", adminUrl + "/metrics", null, Map.of());
    return a.ok() ? Optional.of(a.body()) : Optional.empty();
  }

  Http.Answer send(String adminUrl, String method, String path, Object body) {
    return http.send(method, adminUrl + path, body, Map.of("Accept", "application/json"));
  }
}
