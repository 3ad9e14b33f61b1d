package org.cinderemu.deploy.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;

/**
 * Joins the rows each service wrote into steps: the publish and the consumes of one {@code _unique_id}; a reply
 * takes the request id and method of the call it answers (same {@code _msg_id}). Steps are in publish order.
 */
final class TraceAssembler {

  private TraceAssembler() {
  }

  static Trace assemble(String id, List<Hop> hops, List<StatusChange> changes) {
    Map<String, String> callMethods = new HashMap<>();
    Map<String, String> callRequests = new HashMap<>();
    for (Hop h : hops) {
      if (h.kind() == Hop.Kind.CALL && h.msgId() != null) {
        callMethods.putIfAbsent(h.msgId(), h.method());
        callRequests.putIfAbsent(h.msgId(), h.requestId());
      }
    }
    Map<String, Hop> published = new LinkedHashMap<>();
    Map<String, List<Hop>> consumed = new LinkedHashMap<>();
    List<Hop> unpaired = new ArrayList<>();
    for (Hop h : hops) {
      if (h.uniqueId() == null) {
        unpaired.add(h);
      } else if (h.side() == Hop.Side.PUBLISH) {
        published.putIfAbsent(h.uniqueId(), h);
      } else {
        consumed.computeIfAbsent(h.uniqueId(), k -> new ArrayList<>()).add(h);
      }
    }
    Set<String> uniqueIds = new LinkedHashSet<>(published.keySet());
    uniqueIds.addAll(consumed.keySet());
    List<Step> steps = new ArrayList<>();
    for (String uid : uniqueIds) {
      Hop pub = published.get(uid);
      List<Hop> subs = consumed.getOrDefault(uid, List.of());
      if (subs.isEmpty()) {
        steps.add(step(pub, null, callMethods, callRequests));
      }
      subs.stream().sorted(Comparator.comparing(Hop::at)).forEach(c -> steps.add(step(pub, c, callMethods,
          callRequests)));
    }
    unpaired.forEach(h -> steps.add(h.side() == Hop.Side.PUBLISH ? step(h, null, callMethods, callRequests)
        : step(null, h, callMethods, callRequests)));
    steps.sort(Comparator.comparing(Step::at, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(s -> s.consumedAt() == null ? Instant.MAX : s.consumedAt()));
    List<String> requests = steps.stream().map(Step::requestId).filter(Objects::nonNull).distinct().toList();
    List<StatusChange> ordered = changes.stream().sorted(Comparator.comparing(StatusChange::at)).toList();
    return new Trace(id, requests, hops, steps, ordered);
  }

  private static Step step(Hop pub, Hop sub, Map<String, String> callMethods, Map<String, String> callRequests) {
    Hop any = pub != null ? pub : sub;
    String msgId = any.msgId();
    boolean reply = any.kind() == Hop.Kind.REPLY;
    String method = reply ? callMethods.get(msgId) : first(pub == null ? null : pub.method(),
        sub == null ? null : sub.method());
    String request = first(pub == null ? null : pub.requestId(), sub == null ? null : sub.requestId());
    if (request == null && reply) {
      request = callRequests.get(msgId);
    }
    return new Step(request, first(pub == null ? null : pub.resourceId(), sub == null ? null : sub.resourceId()),
        any.kind(), method, first(pub == null ? null : pub.version(), sub == null ? null : sub.version()),
        pub == null ? null : pub.exchange(), pub == null ? null : pub.routingKey(),
        sub == null ? null : sub.queue(), pub == null ? null : pub.binary(), pub == null ? null : pub.host(),
        sub == null ? null : sub.binary(), sub == null ? null : sub.host(), pub == null ? null : pub.at(),
        sub == null ? null : sub.at(), sub == null ? null : sub.finishedAt(), sub == null ? null : sub.outcome(),
        any.uniqueId(), msgId);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
