package org.cinderemu.common.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.cinderemu.common.chaos.MessageRule.Direction;
import org.cinderemu.common.chaos.MessageRule.Probe;
import org.cinderemu.common.chaos.RuleBook.Match;
import org.cinderemu.common.chaos.RuleBook.RuleState;
import org.junit.jupiter.api.Test;

/** The rule book: order, first match, hits, count, expiry, probability and the reorder hold. */
class RuleBookTest {

  /** Draws the scripted values, then 0.0. */
  static final class Scripted implements RandomGenerator {
    final ArrayDeque<Double> next = new ArrayDeque<>();

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }

    @Override
    public double nextDouble() {
      return next.isEmpty() ? 0.0 : next.poll();
    }
  }

  static final class Manual extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final Scripted random = new Scripted();
  final Manual clock = new Manual();
  final RuleBook book = new RuleBook(random, clock);

  static MessageRule rule(String extra) {
    return MessageRule.fromJson(new JsonObject("{\"direction\": \"consume\", " + extra + "}"));
  }

  static Probe create() {
    return new Probe(Direction.CONSUME, "cinder-scheduler", "node1", "cinder-scheduler", "create_volume");
  }

  static Probe getPools() {
    return new Probe(Direction.CONSUME, "cinder-scheduler", "node1", "cinder-scheduler", "get_pools");
  }

  Optional<Match> match(Probe p) {
    return book.match(p, () -> { });
  }

  String hitId(Probe p) {
    return match(p).map(m -> m.rule().id()).orElse(null);
  }

  @Test
  void theFirstMatchingRuleWinsAndCountsItsHit() {
    RuleState drop = book.add(rule("\"action\": \"drop\", \"method\": \"create_volume\""));
    RuleState delay = book.add(rule("\"action\": \"delay\""));
    assertThat(hitId(create())).isEqualTo(drop.id());
    assertThat(hitId(getPools())).isEqualTo(delay.id());
    assertThat(hitId(create())).isEqualTo(drop.id());
    assertThat(book.get(drop.id()).orElseThrow().hits()).isEqualTo(2);
    assertThat(book.get(delay.id()).orElseThrow().hits()).isEqualTo(1);
    assertThat(book.list()).extracting(RuleState::id).containsExactly(drop.id(), delay.id());
  }

  @Test
  void noRuleNoMatch() {
    assertThat(book.isEmpty()).isTrue();
    book.add(rule("\"action\": \"drop\", \"service\": \"cinder-volume\""));
    assertThat(book.isEmpty()).isFalse();
    assertThat(match(create())).isEmpty();
    assertThat(match(new Probe(Direction.PUBLISH, "cinder-volume", "h", "k", "m"))).isEmpty();
  }

  @Test
  void aRuleStopsAtItsCountAndTheNextOneTakesOver() {
    RuleState once = book.add(rule("\"action\": \"drop\", \"count\": 2"));
    RuleState after = book.add(rule("\"action\": \"fail\""));
    assertThat(hitId(create())).isEqualTo(once.id());
    assertThat(hitId(create())).isEqualTo(once.id());
    assertThat(hitId(create())).isEqualTo(after.id());
    RuleState spent = book.get(once.id()).orElseThrow();
    assertThat(spent.hits()).isEqualTo(2);
    assertThat(spent.active()).isFalse();
  }

  @Test
  void aRuleExpiresAfterItsTtlAndStaysListed() {
    RuleState r = book.add(rule("\"action\": \"drop\", \"ttl_seconds\": 10"));
    assertThat(r.expiresAt()).isEqualTo(clock.now.plusSeconds(10));
    clock.now = clock.now.plus(Duration.ofMillis(9_999));
    assertThat(hitId(create())).isEqualTo(r.id());
    clock.now = clock.now.plusMillis(1);
    assertThat(match(create())).isEmpty();
    assertThat(book.get(r.id()).orElseThrow()).extracting(RuleState::hits, RuleState::active).containsExactly(1L, false);
  }

  @Test
  void probabilityIsDrawnPerMatchingMessageAndALostDrawTriesTheNextRule() {
    RuleState tenth = book.add(rule("\"action\": \"drop\", \"probability\": 0.1"));
    RuleState rest = book.add(rule("\"action\": \"delay\""));
    Collections.addAll(random.next, 0.05, 0.1, 0.99);
    assertThat(hitId(create())).isEqualTo(tenth.id());
    assertThat(hitId(create())).as("a draw of 0.1 is not below 0.1").isEqualTo(rest.id());
    assertThat(hitId(create())).isEqualTo(rest.id());
    assertThat(book.get(tenth.id()).orElseThrow().hits()).isEqualTo(1);
    assertThat(random.next).isEmpty();
  }

  @Test
  void probabilityZeroNeverHitsAndOneNeverDraws() {
    book.add(rule("\"action\": \"drop\", \"probability\": 0"));
    assertThat(match(create())).isEmpty();
    book.clear();
    book.add(rule("\"action\": \"drop\""));
    random.next.add(0.999);
    assertThat(match(create())).isPresent();
    assertThat(random.next).as("no draw at probability 1").hasSize(1);
  }

  @Test
  void aReorderRuleHoldsOneMessageUntilTheNextMatchingOnePasses() {
    RuleState reorder = book.add(rule("\"action\": \"reorder\", \"count\": 1"));
    List<String> released = new ArrayList<>();
    Runnable holdA = () -> released.add("a");
    Match a = book.match(create(), holdA).orElseThrow();
    assertThat(a.passesHeld()).isFalse();
    Match b = book.match(create(), () -> released.add("b")).orElseThrow();
    assertThat(b.passesHeld()).as("the count is spent, but the held message still pairs").isTrue();
    assertThat(released).isEmpty();
    b.release().run();
    assertThat(released).containsExactly("a");
    book.releaseHeld(reorder.id(), holdA);
    assertThat(released).as("a wait that ends after the release does nothing").containsExactly("a");
    assertThat(match(create())).as("nothing held, count spent").isEmpty();
    assertThat(book.get(reorder.id()).orElseThrow().hits()).isEqualTo(1);
  }

  @Test
  void aHeldMessageGoesOnWhenItsWaitEndsOrItsRuleIsRemoved() {
    RuleState reorder = book.add(rule("\"action\": \"reorder\""));
    List<String> released = new ArrayList<>();
    Runnable holdA = () -> released.add("a");
    book.match(create(), holdA);
    book.releaseHeld(reorder.id(), holdA);
    assertThat(released).containsExactly("a");
    Runnable holdB = () -> released.add("b");
    assertThat(book.match(create(), holdB).orElseThrow().passesHeld()).isFalse();
    book.remove(reorder.id());
    assertThat(released).containsExactly("a", "b");
    book.releaseHeld(reorder.id(), holdB);
    assertThat(released).containsExactly("a", "b");
  }

  @Test
  void clearReturnsTheRulesWithTheirHitsAndRemoveAnUnknownIdIsEmpty() {
    book.add(rule("\"action\": \"drop\""));
    match(create());
    assertThat(book.clear()).extracting(RuleState::hits).containsExactly(1L);
    assertThat(book.list()).isEmpty();
    assertThat(book.remove("nope")).isEmpty();
    assertThat(book.get("nope")).isEmpty();
  }

  @Test
  void addingPastTheLimitAddsNothing() {
    List<MessageRule> many = Collections.nCopies(RuleBook.MAX_RULES, rule("\"action\": \"drop\""));
    book.addAll(many);
    assertThatThrownBy(() -> book.addAll(List.of(rule("\"action\": \"drop\""), rule("\"action\": \"drop\""))))
        .isInstanceOf(InvalidRule.class);
    assertThat(book.list()).hasSize(RuleBook.MAX_RULES);
  }
}
