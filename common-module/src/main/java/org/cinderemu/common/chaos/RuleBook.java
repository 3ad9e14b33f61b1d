package org.cinderemu.common.chaos;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.cinderemu.common.chaos.MessageRule.Action;
import org.cinderemu.common.chaos.MessageRule.Probe;

/**
 * The ordered message rules of one process (docs/chaos.md "Message rules"), shared by every transport in it:
 * the first active rule that matches a message and wins its probability draw hits it. A rule that reached its
 * count or outlived its ttl stays listed, inactive, with its hits. A reorder rule that holds a message lets the
 * next matching message pass first, then releases the held one.
 */
public final class RuleBook {

  /** More rules than this are refused: every message is tried against each one. */
  public static final int MAX_RULES = 1000;

  private static final RuleBook CURRENT = new RuleBook(RandomGenerator.getDefault(), Clock.systemUTC());

  private final RandomGenerator random;
  private final Clock clock;
  private final List<Entry> entries = new ArrayList<>();
  /** Read without the lock on every message, so that a book without rules costs nothing. */
  private volatile int size;

  public RuleBook(RandomGenerator random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** The book of this process, which every transport's interceptor and the admin endpoint use. */
  public static RuleBook current() {
    return CURRENT;
  }

  /** A rule as the book holds it, at one moment: its id, hits, expiry and whether it can still hit. */
  public record RuleState(String id, MessageRule rule, long hits, Instant expiresAt, boolean active) {
  }

  /**
   * What the book decided for one message: {@code rule} hit it (its action applies), or, for a reorder rule that
   * holds another message, it passes first and {@code release} sends the held one after it.
   */
  public record Match(RuleState rule, Runnable release) {

    public boolean passesHeld() {
      return release != null;
    }
  }

  /** Adds a rule at the end; returns its state with its new id. */
  public RuleState add(MessageRule rule) {
    return addAll(List.of(rule)).get(0);
  }

  /** Adds every rule, in order, or none when that would pass {@link #MAX_RULES}. */
  public synchronized List<RuleState> addAll(List<MessageRule> rules) {
    if (entries.size() + rules.size() > MAX_RULES) {
      throw new InvalidRule("at most " + MAX_RULES + " message rules; " + entries.size() + " exist");
    }
    Instant now = clock.instant();
    List<RuleState> added = new ArrayList<>();
    for (MessageRule r : rules) {
      Entry e = new Entry(UUID.randomUUID().toString(), r,
          r.ttlSeconds() == null ? null : now.plusSeconds(r.ttlSeconds()));
      entries.add(e);
      size = entries.size();
      added.add(e.state(now));
    }
    return added;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public synchronized List<RuleState> list() {
    Instant now = clock.instant();
    return entries.stream().map(e -> e.state(now)).toList();
  }

  public synchronized Optional<RuleState> get(String id) {
    return find(id).map(e -> e.state(clock.instant()));
  }

  /** Removes a rule; a message it holds goes on at once. */
  public Optional<RuleState> remove(String id) {
    Entry removed;
    RuleState state;
    synchronized (this) {
      removed = find(id).orElse(null);
      if (removed == null) {
        return Optional.empty();
      }
      entries.remove(removed);
      size = entries.size();
      state = removed.state(clock.instant());
    }
    removed.releaseHeld();
    return Optional.of(state);
  }

  /** Removes every rule, releasing what they hold; returns them as they were. */
  public List<RuleState> clear() {
    List<Entry> all;
    List<RuleState> states;
    synchronized (this) {
      all = List.copyOf(entries);
      Instant now = clock.instant();
      states = all.stream().map(e -> e.state(now)).toList();
      entries.clear();
      size = 0;
    }
    all.forEach(Entry::releaseHeld);
    return states;
  }

  /**
   * The rule that applies to {@code probe}, if any, counting its hit. {@code hold} is what releases this message
   * should a reorder rule hit and hold it; the book keeps it until the next match or {@link #releaseHeld}.
   */
  public synchronized Optional<Match> match(Probe probe, Runnable hold) {
    Instant now = clock.instant();
    for (Entry e : entries) {
      if (!e.rule.matches(probe)) {
        continue;
      }
      if (e.held != null) {
        Runnable release = e.held;
        e.held = null;
        return Optional.of(new Match(e.state(now), release));
      }
      if (!e.active(now) || (e.rule.probability() < 1.0 && random.nextDouble() >= e.rule.probability())) {
        continue;
      }
      e.hits++;
      if (e.rule.action() == Action.REORDER) {
        e.held = hold;
      }
      return Optional.of(new Match(e.state(now), null));
    }
    return Optional.empty();
  }

  /** A held message whose wait ended: runs {@code hold} unless a passing message or a removal did. */
  public void releaseHeld(String ruleId, Runnable hold) {
    boolean mine;
    synchronized (this) {
      Entry e = find(ruleId).orElse(null);
      mine = e != null && e.held == hold;
      if (mine) {
        e.held = null;
      }
    }
    if (mine) {
      hold.run();
    }
  }

  /** A uniform draw in [0, 1) from the book's source, for jitter. */
  public synchronized double draw() {
    return random.nextDouble();
  }

  private Optional<Entry> find(String id) {
    return entries.stream().filter(e -> e.id.equals(id)).findFirst();
  }

  /** A rule, its hits, its expiry and the message it holds (reorder). Guarded by the book. */
  private static final class Entry {
    final String id;
    final MessageRule rule;
    final Instant expiresAt;
    long hits;
    Runnable held;

    Entry(String id, MessageRule rule, Instant expiresAt) {
      this.id = id;
      this.rule = rule;
      this.expiresAt = expiresAt;
    }

    boolean active(Instant now) {
      return (rule.count() == null || hits < rule.count()) && (expiresAt == null || now.isBefore(expiresAt));
    }

    RuleState state(Instant now) {
      return new RuleState(id, rule, hits, expiresAt, active(now));
    }

    void releaseHeld() {
      Runnable h = held;
      held = null;
      if (h != null) {
        h.run();
      }
    }
  }
}
