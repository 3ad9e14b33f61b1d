package org.cinderemu.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /healthcheck} of cinder-api, oslo.middleware's answer when healthy being 200 with body {@code OK}.
 * Plain HttpURLConnection: {@code up} asks a few times and must not pay for an HTTP client's start.
 */
final class Healthcheck {

  static final String PATH = "/healthcheck";
  static final String HEALTHY_BODY = "OK";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Healthcheck() {
  }

  /** The healthcheck URL beside the API's {@code /v3} endpoint. */
  static URI of(String apiUrl) {
    return URI.create(apiUrl.replaceFirst("/v3$", "") + PATH);
  }

  /** True when the API answers 200 {@code OK}; false while it does not listen yet or answers anything else. */
  static boolean healthy(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout((int) TIMEOUT.toMillis());
      c.setReadTimeout((int) TIMEOUT.toMillis());
      try {
        int status = c.getResponseCode();
        if (status != 200) {
          return false;
        }
        try (InputStream in = c.getInputStream()) {
          return isHealthy(status, new String(in.readNBytes(64), StandardCharsets.UTF_8));
        }
      } finally {
        c.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  static boolean isHealthy(int status, String body) {
    return status == 200 && HEALTHY_BODY.equals(body.strip());
  }
}
