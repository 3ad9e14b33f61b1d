package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

class ExportTokensTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Test
  void aTokenUnusedForItsLifetimeExpires() {
    ExportTokens tokens = new ExportTokens(Duration.ofMinutes(10), clock);
    String token = tokens.export("vol-a", "backup-host");
    advance(Duration.ofMinutes(9));
    assertThat(tokens.volumeOf(token)).contains("vol-a");

    advance(Duration.ofMinutes(10));
    assertThat(tokens.isExported("vol-a")).isFalse();
    assertThat(tokens.volumeOf(token)).isEmpty();
  }

  @Test
  void usingATokenRenewsIt() {
    ExportTokens tokens = new ExportTokens(Duration.ofMinutes(10), clock);
    String token = tokens.export("vol-a", "backup-host");
    for (int i = 0; i < 6; i++) { // an hour of a long transfer, one request every 9 minutes
      advance(Duration.ofMinutes(9));
      assertThat(tokens.volumeOf(token)).contains("vol-a");
    }
    advance(Duration.ofMinutes(10));
    assertThat(tokens.volumeOf(token)).isEmpty();
  }

  @Test
  void expiredTokensAreDroppedWhenANewOneIsIssued() {
    ExportTokens tokens = new ExportTokens(Duration.ofMinutes(10), clock);
    tokens.export("vol-a", "backup-host");
    advance(Duration.ofMinutes(11));
    tokens.export("vol-b", "backup-host");
    // an expired token is gone, not merely refused: there is nothing left to revoke
    assertThat(tokens.unexport("vol-a")).isZero();
    assertThat(tokens.unexport("vol-b")).isEqualTo(1);
  }

  @Test
  void theSystemClockExpiresAShortLivedToken() {
    ExportTokens tokens = new ExportTokens(Duration.ofMillis(300), InstantSource.system());
    String token = tokens.export("vol-a", null);
    assertThat(tokens.isExported("vol-a")).isTrue();
    // polled without using the token: each use would renew it
    await().atMost(Duration.ofSeconds(10)).until(() -> !tokens.isExported("vol-a"));
    assertThat(tokens.volumeOf(token)).isEmpty();
  }

  @Test
  void theLifetimeIsConfigured() {
    assertThat(ExportTokens.from(CinderConf.empty()).lifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(ExportTokens.from(CinderConf.empty().with("DEFAULT", ExportTokens.LIFETIME.name(), "120")).lifetime())
        .isEqualTo(Duration.ofSeconds(120));
    assertThatThrownBy(() -> ExportTokens.from(CinderConf.empty().with("DEFAULT", ExportTokens.LIFETIME.name(), "0")))
        .hasMessageContaining(ExportTokens.LIFETIME.name());
  }
}
