package org.cinderemu.api.handlers;

import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;

/** Cinder's {@code api_version} decorator: a method asked for below its microversion is a 404. */
final class Versions {

  private Versions() {
  }

  static void require(ApiRequest req, String min) {
    if (!req.microversion().isAtLeast(min)) {
      throw ApiException.notFound("API version " + req.microversion() + " is not supported on this method.");
    }
  }
}
