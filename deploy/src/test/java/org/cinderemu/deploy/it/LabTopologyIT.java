package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.common.testing.Captured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the seed lab running, the broker holds the same exchanges, queues (flags, arguments, consumer
 * counts) and bindings as the topology captured from a real Cinder 21 lab, apart from the random hex
 * suffixes and the lab's own host and backend names.
 */
class LabTopologyIT {

  static Lab lab;

  @BeforeAll
  static void start() throws IOException {
    lab = new Lab().startAll();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  /** The captured names in our lab's terms, random suffixes masked. */
  static String normalizeCaptured(String name) {
    return mask(name.replace("emu-lab@new_lvm_backend", "emu-lab@whatever_it_is").replace("emu-lab", "HOST"));
  }

  static String normalizeOurs(String name) {
    return mask(name.replace(lab.host, "HOST"));
  }

  static String mask(String s) {
    return s.replaceAll("_fanout_[0-9a-f]{32}", "_fanout_<hex>").replaceAll("reply_[0-9a-f]{32}", "reply_<hex>");
  }

  /** Rows of one table of the first capture section, after the given command line. */
  static List<String[]> capturedTable(String command) throws IOException {
    String text = Captured.topology();
    int start = text.indexOf(command);
    String[] lines = text.substring(start).split("\n");
    List<String[]> rows = new ArrayList<>();
    for (int i = 2; i < lines.length && !lines[i].isBlank(); i++) {
      rows.add(lines[i].split("\t", -1));
    }
    return rows;
  }

  static String capturedArgs(String a) {
    Matcher m = Pattern.compile("\\{\"([^\"]+)\",([^}]+)}").matcher(a);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1) + "=" + m.group(2));
    }
    return String.join(",", out);
  }

  static String ourArgs(Object a) {
    List<String> out = new ArrayList<>();
    if (a instanceof JsonArray arr) {
      for (Object o : arr) {
        JsonArray kv = (JsonArray) o;
        out.add(kv.getString(0) + "=" + kv.getValue(kv.size() - 1));
      }
    } else if (a instanceof JsonObject obj) {
      obj.forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
    }
    return String.join(",", out);
  }

  @Test
  void queuesMatchTheCapture() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String[] r : capturedTable("$ rabbitmqctl list_queues")) {
      if (!r[0].startsWith("emu.")) {
        expected.add(String.join(" ", normalizeCaptured(r[0]), r[1], r[2], r[3], capturedArgs(r[4]), r[5]));
      }
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<String> ours = new ArrayList<>();
      for (JsonObject q : lab.broker.queues()) {
        ours.add(String.join(" ", normalizeOurs(q.getString("name")), q.getValue("durable").toString(),
            q.getValue("auto_delete").toString(), q.getValue("exclusive").toString(), ourArgs(q.getValue("arguments")),
            q.getValue("consumers").toString()));
      }
      assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
    });
  }

  @Test
  void exchangesMatchTheCapture() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String[] r : capturedTable("$ rabbitmqctl list_exchanges")) {
      expected.add(String.join(" ", normalizeCaptured(r[0]), r[1], r[2], r[3], r[4]));
    }
    List<String> ours = new ArrayList<>();
    for (JsonObject e : lab.broker.exchanges()) {
      ours.add(String.join(" ", normalizeOurs(e.getString("name")), e.getString("type"),
          e.getValue("durable").toString(), e.getValue("auto_delete").toString(), e.getValue("internal").toString()));
    }
    assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void bindingsMatchTheCapture() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String[] r : capturedTable("$ rabbitmqctl list_bindings")) {
      if (!r[2].startsWith("emu.")) {
        expected.add(String.join(" ", normalizeCaptured(r[0]), normalizeCaptured(r[2]), normalizeCaptured(r[4])));
      }
    }
    List<String> ours = new ArrayList<>();
    for (JsonObject b : lab.broker.bindings()) {
      ours.add(String.join(" ", normalizeOurs(b.getString("source_name")),
          normalizeOurs(b.getString("destination_name")), normalizeOurs(b.getString("routing_key"))));
    }
    assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
  }
}
