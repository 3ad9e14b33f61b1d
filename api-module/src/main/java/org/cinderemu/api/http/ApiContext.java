package org.cinderemu.api.http;

import java.time.Instant;
import java.util.List;
import org.cinderemu.api.microversion.ApiVersion;

/**
 * Who is asking and how, as the API pipeline established it; every {@link ApiHandler} receives one. The lead
 * maps it onto {@code org.cinderemu.common.rpc.RequestContext} for RPC casts.
 *
 * @param userId null on unauthenticated routes ({@code /}, {@code /healthcheck})
 * @param projectId the token's project (not the URL's, which must equal it)
 * @param timestamp when the request arrived
 */
public record ApiContext(
    String userId,
    String projectId,
    boolean isAdmin,
    List<String> roles,
    String requestId,
    String remoteAddress,
    String authToken,
    ApiVersion microversion,
    Instant timestamp) {

  public ApiContext {
    roles = List.copyOf(roles);
  }

  /** noauth makes every caller an admin (cinder/api/middleware/auth.py). */
  public static ApiContext noauthAdmin(NoAuthIdentity identity, String requestId, ApiVersion microversion,
      Instant timestamp) {
    return new ApiContext(identity.userId(), identity.projectId(), true, List.of("admin"), requestId,
        identity.remoteAddress(), identity.authToken(), microversion, timestamp);
  }

  public static ApiContext anonymous(String requestId, String remoteAddress, ApiVersion microversion,
      Instant timestamp) {
    return new ApiContext(null, null, false, List.of(), requestId, remoteAddress, null, microversion, timestamp);
  }

  public boolean isAuthenticated() {
    return userId != null;
  }
}
