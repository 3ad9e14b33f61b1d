package org.cinderemu.volume.data;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attachments the data endpoint honours: one random token per {@code initialize_connection}, each bound to
 * one volume, revoked one by one ({@code terminate_connection}) or all at once for a volume ({@code remove_export}).
 */
public final class ExportTokens {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> volumeByToken = new ConcurrentHashMap<>();

  /** A fresh token granting access to {@code volumeId}. */
  public String export(String volumeId) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    volumeByToken.put(token, volumeId);
    return token;
  }

  /** Revokes one token; true if it was live. */
  public boolean revoke(String token) {
    return token != null && volumeByToken.remove(token) != null;
  }

  /** Revokes every token of {@code volumeId}; returns how many were live. */
  public int unexport(String volumeId) {
    int[] removed = {0};
    volumeByToken.entrySet().removeIf(e -> {
      boolean match = e.getValue().equals(volumeId);
      if (match) {
        removed[0]++;
      }
      return match;
    });
    return removed[0];
  }

  /** The volume a live token grants, if any. */
  public Optional<String> volumeOf(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(volumeByToken.get(token));
  }

  public boolean isExported(String volumeId) {
    return volumeByToken.containsValue(volumeId);
  }
}
