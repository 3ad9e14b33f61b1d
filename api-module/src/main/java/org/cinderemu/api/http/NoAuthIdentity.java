package org.cinderemu.api.http;

/** The caller as {@link NoAuthHandler} read it from {@code X-Auth-Token: user:project}. */
public record NoAuthIdentity(String userId, String projectId, String authToken, String remoteAddress) {

  /** Splits at the first ':' like Python's partition; a missing project defaults to the user. */
  public static NoAuthIdentity fromToken(String token, String remoteAddress) {
    int colon = token.indexOf(':');
    String user = colon < 0 ? token : token.substring(0, colon);
    String project = colon < 0 ? "" : token.substring(colon + 1);
    return new NoAuthIdentity(user, project.isEmpty() ? user : project, token, remoteAddress);
  }
}
