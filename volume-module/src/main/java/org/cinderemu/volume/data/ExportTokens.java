package org.cinderemu.volume.data;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attachments the data endpoint honours: one random token per {@code initialize_connection}, bound to one
 * volume and to the attaching connector (its "owner", e.g. the connector's host), so that
 * {@code terminate_connection}, which only names the connector, revokes just that attachment and
 * {@code remove_export} all of the volume's.
 */
public final class ExportTokens {

  private record Grant(String volumeId, String owner) {
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  /** A fresh token granting access to {@code volumeId}; {@code owner} may be null. */
  public String export(String volumeId, String owner) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(token, new Grant(Objects.requireNonNull(volumeId, "volumeId"), owner));
    return token;
  }

  /** Revokes one token; true if it was live. */
  public boolean revoke(String token) {
    return token != null && grants.remove(token) != null;
  }

  /** Revokes the tokens {@code owner} holds on {@code volumeId}; returns how many were live. */
  public int revoke(String volumeId, String owner) {
    return removeIf(g -> g.volumeId().equals(volumeId) && Objects.equals(g.owner(), owner));
  }

  /** Revokes every token of {@code volumeId}; returns how many were live. */
  public int unexport(String volumeId) {
    return removeIf(g -> g.volumeId().equals(volumeId));
  }

  /** The volume a live token grants, if any. */
  public Optional<String> volumeOf(String token) {
    Grant grant = token == null ? null : grants.get(token);
    return Optional.ofNullable(grant).map(Grant::volumeId);
  }

  public boolean isExported(String volumeId) {
    return grants.values().stream().anyMatch(g -> g.volumeId().equals(volumeId));
  }

  private int removeIf(java.util.function.Predicate<Grant> match) {
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
