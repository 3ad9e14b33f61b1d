package org.cinderemu.volume.data;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/**
 * The attachments the data endpoint honours: one random token per {@code initialize_connection}, bound to one
 * volume and to the attaching connector (its "owner", e.g. the connector's host), so that
 * {@code terminate_connection}, which only names the connector, revokes just that attachment and
 * {@code remove_export} all of the volume's. A token unused for its lifetime expires: an attacher that died
 * (or never got the reply of initialize_connection) leaves no live key behind.
 */
public final class ExportTokens {

  /** An hour: far beyond the gap between two requests of any transfer, short enough to close a forgotten door. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  /** Seconds a token stays valid after its issue or last use. */
  public static final Opt<Integer> LIFETIME = Opt.integer(CinderConf.DEFAULT, "emulator_export_token_lifetime",
      (int) DEFAULT_LIFETIME.toSeconds(), 1, null);

  // each use pushes expiresAt forward, so a long backup keeps its token and an abandoned one lapses
  private record Grant(String volumeId, String owner, Instant expiresAt) {
    boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final AtomicLong issued = new AtomicLong();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Duration lifetime;
  private final InstantSource clock;

  public ExportTokens() {
    this(DEFAULT_LIFETIME, InstantSource.system());
  }

  /** @param lifetime positive; see {@link #LIFETIME} */
  public ExportTokens(Duration lifetime, InstantSource clock) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("export token lifetime must be positive: " + lifetime);
    }
    this.lifetime = lifetime;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Tokens with the configured lifetime and the system clock. */
  public static ExportTokens from(CinderConf conf) {
    return new ExportTokens(Duration.ofSeconds(conf.get(LIFETIME)), InstantSource.system());
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A fresh token granting access to {@code volumeId}; {@code owner} may be null. Drops expired tokens. */
  public String export(String volumeId, String owner) {
    Instant now = clock.instant();
    removeIf(g -> g.expired(now));
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(token, new Grant(Objects.requireNonNull(volumeId, "volumeId"), owner, now.plus(lifetime)));
    issued.incrementAndGet();
    return token;
  }

  /** Revokes one token; true if it was live. */
  public boolean revoke(String token) {
    return token != null && grants.remove(token) != null;
  }

  /** Revokes the tokens {@code owner} holds on {@code volumeId}; returns how many were held. */
  public int revoke(String volumeId, String owner) {
    return removeIf(g -> g.volumeId().equals(volumeId) && Objects.equals(g.owner(), owner));
  }

  /** Revokes every token of {@code volumeId}; returns how many were held. */
  public int unexport(String volumeId) {
    return removeIf(g -> g.volumeId().equals(volumeId));
  }

  /** The volume a live token grants, if any; using a token renews its lifetime, an expired one is dropped. */
  public Optional<String> volumeOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Grant renewed = grants.computeIfPresent(token,
        (t, g) -> g.expired(now) ? null : new Grant(g.volumeId(), g.owner(), now.plus(lifetime)));
    return Optional.ofNullable(renewed).map(Grant::volumeId);
  }

  /** True while some live token grants {@code volumeId}. */
  public boolean isExported(String volumeId) {
    Instant now = clock.instant();
    return grants.values().stream().anyMatch(g -> g.volumeId().equals(volumeId) && !g.expired(now));
  }

  /** How many tokens are live now, over all volumes. */
  public int liveCount() {
    Instant now = clock.instant();
    return (int) grants.values().stream().filter(g -> !g.expired(now)).count();
  }

  /** How many tokens were ever issued. */
  public long issuedCount() {
    return issued.get();
  }

  private int removeIf(Predicate<Grant> match) {
    int[] removed = {0};
    grants.values().removeIf(g -> {
      boolean hit = match.test(g);
      if (hit) {
        removed[0]++;
      }
      return hit;
    });
    return removed[0];
  }
}
