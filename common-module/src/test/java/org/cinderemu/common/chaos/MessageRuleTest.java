package org.cinderemu.common.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.chaos.MessageRule.Action;
import org.cinderemu.common.chaos.MessageRule.Direction;
import org.cinderemu.common.chaos.MessageRule.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading message rules as the admin endpoint receives them, and which messages they match. */
class MessageRuleTest {

  static MessageRule rule(String json) {
    return MessageRule.fromJson(new JsonObject(json));
  }

  @Test
  void theContractsExampleReadsBackAsItWasWritten() {
    JsonObject example = new JsonObject("""
        {"service": "cinder-volume", "host": "node1@lvm", "direction": "consume", "pattern": "cinder-volume.*",
         "method": "create_volume", "probability": 0.1, "count": 20, "ttl_seconds": 300,
         "action": "drop", "delay_ms": 0, "jitter_ms": 0, "new_id": false}""");
    MessageRule r = MessageRule.fromJson(example);
    assertThat(r.direction()).isEqualTo(Direction.CONSUME);
    assertThat(r.action()).isEqualTo(Action.DROP);
    assertThat(r.count()).isEqualTo(20L);
    assertThat(r.toJson()).isEqualTo(example.put("probability", 0.1));
    assertThat(MessageRule.fromJson(r.toJson())).isEqualTo(r);
  }

  @Test
  void omittedFiltersMatchAnythingAndDefaultsApply() {
    MessageRule r = rule("{\"direction\": \"publish\", \"action\": \"delay\"}");
    assertThat(r.probability()).isEqualTo(1.0);
    assertThat(r.count()).isNull();
    assertThat(r.ttlSeconds()).isNull();
    assertThat(r.delayMs()).isEqualTo(MessageRule.DEFAULT_DELAY_MS);
    assertThat(r.matches(new Probe(Direction.PUBLISH, "cinder-api", "h", "cinder-scheduler", null))).isTrue();
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-api", "h", "cinder-scheduler", "x"))).isFalse();
    assertThat(rule("{\"direction\": \"publish\", \"action\": \"drop\"}").delayMs()).isZero();
  }

  @Test
  void globsMatchTheWholeKeyHostAndMethod() {
    MessageRule r = rule("""
        {"direction": "consume", "action": "drop", "service": "cinder-volume", "host": "node?@*",
         "pattern": "cinder-volume.*", "method": "create_*"}""");
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-volume", "node1@lvm", "cinder-volume.node1@lvm",
        "create_volume"))).isTrue();
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-volume", "node12@lvm", "cinder-volume.x",
        "create_volume"))).as("? is one character").isFalse();
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-volume", "node1@lvm", "cinder-volume",
        "create_volume"))).as("the pattern covers the whole key").isFalse();
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-backup", "node1@lvm", "cinder-volume.x",
        "create_volume"))).isFalse();
    assertThat(r.matches(new Probe(Direction.CONSUME, "cinder-volume", "node1@lvm", "cinder-volume.x",
        null))).as("a reply has no method").isFalse();
  }

  @Test
  void regexCharactersInAPatternAreThemselves() {
    MessageRule r = rule("{\"direction\": \"consume\", \"action\": \"drop\", \"pattern\": \"a.b+(c)\"}");
    assertThat(r.matches(new Probe(Direction.CONSUME, "s", "h", "a.b+(c)", "m"))).isTrue();
    assertThat(r.matches(new Probe(Direction.CONSUME, "s", "h", "aXbb(c)", "m"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"action\": \"drop\"}",
      "{\"direction\": \"publish\"}",
      "{\"direction\": \"sideways\", \"action\": \"drop\"}",
      "{\"direction\": \"publish\", \"action\": \"explode\"}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"service\": \"cinder-volumes\"}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"probability\": 1.5}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"probability\": \"0.5\"}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"count\": 0}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"count\": 1.5}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"ttl_seconds\": -1}",
      "{\"direction\": \"publish\", \"action\": \"delay\", \"delay_ms\": 600001}",
      "{\"direction\": \"publish\", \"action\": \"delay\", \"jitter_ms\": -5}",
      "{\"direction\": \"publish\", \"action\": \"duplicate\", \"new_id\": \"yes\"}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"pattern\": \"\"}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"method\": 7}",
      "{\"direction\": \"publish\", \"action\": \"drop\", \"methods\": \"create_volume\"}"})
  void aBadRuleIsRefusedByName(String json) {
    assertThatThrownBy(() -> rule(json)).isInstanceOf(InvalidRule.class).hasMessageNotContaining("null");
  }

  @Test
  void aTypoInAFieldNameIsNamed() {
    assertThatThrownBy(() -> rule("{\"direction\": \"publish\", \"action\": \"drop\", \"methods\": \"x\"}"))
        .hasMessageContaining("'methods'");
  }
}
