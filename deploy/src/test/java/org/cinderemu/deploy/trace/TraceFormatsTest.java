package org.cinderemu.deploy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;
import org.junit.jupiter.api.Test;

/** The steps and the three outputs of {@code cinder-emu trace}, from hops given as each service would record them. */
class TraceFormatsTest {

  private static final String REQ = "req-11111111-2222-3333-4444-555555555555";
  private static final String VOL = "9f0c0000-0000-0000-0000-000000000001";
  private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

  /** A typed create: API → scheduler, scheduler → backend, the fanout to two schedulers, a call and its reply. */
  static List<Hop> createHops() {
    return List.of(
        pub("cinder-api", "ctl", Hop.Kind.CAST, "create_volume", "openstack", "cinder-scheduler", "u1", null, 0),
        sub("cinder-scheduler", "ctl", Hop.Kind.CAST, "create_volume", "cinder-scheduler", "u1", null, 2, 5),
        pub("cinder-scheduler", "ctl", Hop.Kind.CAST, "create_volume", "openstack", "cinder-volume.ctl@w.ctl", "u2",
            null, 4),
        sub("cinder-volume", "ctl@w", Hop.Kind.CAST, "create_volume", "cinder-volume.ctl@w.ctl", "u2", null, 6, 9),
        pub("cinder-volume", "ctl@w", Hop.Kind.FANOUT, "update_service_capabilities", "cinder-scheduler_fanout", "",
            "u3", null, 8),
        sub("cinder-scheduler", "ctl", Hop.Kind.FANOUT, "update_service_capabilities",
            "cinder-scheduler_fanout_aa", "u3", null, 10, 11),
        sub("cinder-scheduler", "ctl2", Hop.Kind.FANOUT, "update_service_capabilities",
            "cinder-scheduler_fanout_bb", "u3", null, 12, 13),
        pub("cinder-backup", "ctl", Hop.Kind.CALL, "initialize_connection", "openstack", "cinder-volume.ctl@w.ctl",
            "u4", "m1", 20),
        sub("cinder-volume", "ctl@w", Hop.Kind.CALL, "initialize_connection", "cinder-volume.ctl@w.ctl", "u4", "m1",
            21, 22),
        pub("cinder-volume", "ctl@w", Hop.Kind.REPLY, null, "", "reply_abc", "u5", "m1", 23),
        new Hop(null, null, Hop.Side.CONSUME, Hop.Kind.REPLY, null, null, null, null, "reply_abc", "u5", "m1",
            "cinder-backup", "ctl", at(24), at(24), "ok", null, null));
  }

  static List<StatusChange> changes() {
    return List.of(new StatusChange(REQ, "volume", VOL, null, "creating", "cinder-api", "ctl", at(0)),
        new StatusChange(REQ, "volume", VOL, "creating", "available", "cinder-volume", "ctl@w", at(7)));
  }

  @Test
  void stepsJoinBothSidesInPublishOrderWhateverOrderTheRowsCameIn() {
    List<Hop> shuffled = new ArrayList<>(createHops());
    Collections.shuffle(shuffled, new Random(7));
    Trace trace = TraceAssembler.assemble(VOL, shuffled, changes());
    assertThat(trace.steps()).extracting(s -> s.method() + " " + s.toBinary() + "@" + s.toHost()).containsExactly(
        "create_volume cinder-scheduler@ctl",
        "create_volume cinder-volume@ctl@w",
        "update_service_capabilities cinder-scheduler@ctl",
        "update_service_capabilities cinder-scheduler@ctl2",
        "initialize_connection cinder-volume@ctl@w",
        "initialize_connection cinder-backup@ctl");
    Step reply = trace.steps().get(5);
    assertThat(reply.kind()).isEqualTo(Hop.Kind.REPLY);
    assertThat(reply.requestId()).as("a reply takes its call's request").isEqualTo(REQ);
    assertThat(trace.steps().get(1).inQueue().toMillis()).isEqualTo(2);
    assertThat(trace.steps().get(1).inHandler().toMillis()).isEqualTo(3);
    assertThat(trace.requestIds()).containsExactly(REQ);
  }

  @Test
  void textIsOneLinePerHopThenTheTransitions() {
    String text = render(TextFormat::print);
    assertThat(text.lines().toList().subList(0, 3)).containsExactly(
        "trace of " + VOL + ": 1 request(s) " + REQ + " (times UTC)",
        "  1 01:00:00.000000 cast   create_volume v3.0  cinder-api@ctl -> cinder-scheduler@ctl  exchange=openstack "
            + "routing_key=cinder-scheduler queue=cinder-scheduler  published=01:00:00.000000 "
            + "consumed=01:00:00.002000 (queue 2.000 ms) finished=01:00:00.005000 (handler 3.000 ms)  " + REQ,
        "  2 01:00:00.004000 cast   create_volume v3.0  cinder-scheduler@ctl -> cinder-volume@ctl@w  "
            + "exchange=openstack routing_key=cinder-volume.ctl@w.ctl queue=cinder-volume.ctl@w.ctl  "
            + "published=01:00:00.004000 consumed=01:00:00.006000 (queue 2.000 ms) finished=01:00:00.009000 "
            + "(handler 3.000 ms)  " + REQ);
    assertThat(text).contains("fanout update_service_capabilities v3.0  cinder-volume@ctl@w -> cinder-scheduler@ctl2"
        + "  exchange=cinder-scheduler_fanout routing_key=- queue=cinder-scheduler_fanout_bb");
    assertThat(text).contains("reply  initialize_connection v-  cinder-volume@ctl@w -> cinder-backup@ctl  "
        + "exchange=(default) routing_key=reply_abc queue=reply_abc");
    assertThat(text).endsWith("status transitions:\n"
        + "    01:00:00.000000 volume " + VOL + ": (new) -> creating  by cinder-api@ctl  " + REQ + "\n"
        + "    01:00:00.007000 volume " + VOL + ": creating -> available  by cinder-volume@ctl@w  " + REQ + "\n");
  }

  @Test
  void mermaidIsASequenceDiagramWithOneParticipantPerService() {
    String mermaid = render(MermaidFormat::print);
    assertThat(mermaid.lines().toList()).containsSubsequence(
        "sequenceDiagram",
        "    participant p1 as API",
        "    participant p2 as scheduler@ctl",
        "    participant p3 as volume@ctl@w",
        "    participant p4 as scheduler@ctl2",
        "    participant p5 as backup@ctl",
        "    Note over p1: volume (new) → creating",
        "    p1-)p2: create_volume [cinder-scheduler]",
        "    p2-)p3: create_volume [cinder-volume.ctl@w.ctl]",
        "    Note over p3: volume creating → available",
        "    p3-)p2: update_service_capabilities [cinder-scheduler_fanout]",
        "    p3-)p4: update_service_capabilities [cinder-scheduler_fanout]",
        "    p5->>p3: initialize_connection [cinder-volume.ctl@w.ctl]",
        "    p3-->>p5: reply to initialize_connection [reply_abc]");
  }

  @Test
  void aMessageWhoseConsumerRecordedNothingGoesToPending() {
    List<Hop> hops = List.of(pub("cinder-volume", "ctl@w", Hop.Kind.CAST, "continue_backup", "openstack",
        "cinder-backup.ctl", "u9", null, 0));
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    MermaidFormat.print(TraceAssembler.assemble(VOL, hops, List.of()), w);
    TextFormat.print(TraceAssembler.assemble(VOL, hops, List.of()), w);
    w.flush();
    assertThat(out.toString()).contains("    p1-)pending: continue_backup [cinder-backup.ctl]")
        .contains("cinder-volume@ctl@w -> ?  exchange=openstack routing_key=cinder-backup.ctl queue=-");
  }

  @Test
  void mermaidEscapesWhatWouldEndAMessage() {
    Step s = new Step(REQ, null, Hop.Kind.CAST, "m", "3.0", "openstack", "a#b;c", null, null, null, null, null,
        at(0), null, null, null, "u", null);
    assertThat(MermaidFormat.text(s)).isEqualTo("m [a#35;b#59;c]");
  }

  @Test
  void jsonHasTheRawHopsAndTheChanges() {
    JsonObject json = new JsonObject(render(JsonFormat::print));
    assertThat(json.getJsonArray("request_ids")).containsExactly(REQ);
    assertThat(json.getJsonArray("hops")).hasSize(createHops().size());
    JsonObject first = json.getJsonArray("hops").getJsonObject(0);
    assertThat(first.getString("side")).isEqualTo("publish");
    assertThat(first.getString("routing_key")).isEqualTo("cinder-scheduler");
    assertThat(first.getString("published_at")).isEqualTo("2026-12-02T01:00:00Z");
    JsonObject consumed = json.getJsonArray("hops").getJsonObject(1);
    assertThat(consumed.getString("consumed_at")).isEqualTo("2026-12-02T01:00:00.002Z");
    assertThat(consumed.getString("finished_at")).isEqualTo("2026-12-02T01:00:00.005Z");
    assertThat(json.getJsonArray("status_changes").getJsonObject(1).getString("to")).isEqualTo("available");
  }

  private static String render(BiConsumer<Trace, PrintWriter> format) {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    format.accept(TraceAssembler.assemble(VOL, createHops(), changes()), w);
    w.flush();
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  private static Hop pub(String binary, String host, Hop.Kind kind, String method, String exchange, String key,
      String uid, String msgId, int ms) {
    return new Hop(REQ, VOL, Hop.Side.PUBLISH, kind, method,
        kind == Hop.Kind.REPLY ? null : "3.0", exchange, key, null, uid, msgId, binary, host, at(ms), null, null, null,
        null);
  }

  private static Hop sub(String binary, String host, Hop.Kind kind, String method, String queue, String uid,
      String msgId, int ms, int finishedMs) {
    return new Hop(REQ, VOL, Hop.Side.CONSUME, kind, method, "3.0", null, null, queue, uid, msgId, binary, host,
        at(ms), at(finishedMs), "ok", null, null);
  }

  private static Instant at(int ms) {
    return T0.plusMillis(ms);
  }
}
