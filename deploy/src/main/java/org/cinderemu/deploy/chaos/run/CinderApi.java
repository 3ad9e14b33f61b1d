package org.cinderemu.deploy.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The Cinder API as the run's caller: noauth, one project of the run's own (so quota usage and row counts are this
 * run's alone), every call an admin's as in Cinder's noauth.
 */
final class CinderApi {

  /** Microversion of the calls that need one (workers cleanup is 3.24; 3.64 shows every field). */
  static final String MICROVERSION = "3.64";

  private final Http http;
  private final String base;
  private final Map<String, String> headers;
  final String project;

  CinderApi(Http http, String apiUrl, String project) {
    this.http = http;
    this.project = project;
    this.base = apiUrl + "/" + project;
    this.headers = Map.of("X-Auth-Token", "chaos:" + project, "OpenStack-API-Version", "volume " + MICROVERSION,
        "Accept", "application/json");
  }

  Http.Answer call(String method, String path, Object body) {
    return http.send(method, base + path, body, headers);
  }

  /** Lifts the run project's quotas: the experiment measures faults, not quota refusals. */
  Http.Answer unlimited() {
    return call("PUT", "/os-quota-sets/" + project, Map.of("quota_set", Map.of("volumes", -1, "gigabytes", -1,
        "backups", -1, "backup_gigabytes", -1)));
  }

  Http.Answer createVolume(String name, int sizeGb, String type) {
    Map<String, Object> v = type == null ? Map.of("name", name, "size", sizeGb)
        : Map.of("name", name, "size", sizeGb, "volume_type", type);
    return call("POST", "/volumes", Map.of("volume", v));
  }

  Http.Answer createBackup(String name, String volumeId) {
    return call("POST", "/backups", Map.of("backup", Map.of("name", name, "volume_id", volumeId)));
  }

  Http.Answer deleteVolume(String id) {
    return call("DELETE", "/volumes/" + id, null);
  }

  Http.Answer deleteBackup(String id) {
    return call("DELETE", "/backups/" + id, null);
  }

  /** The id in a create's answer ({@code {"volume": {"id": …}}}), or null. */
  static String createdId(Http.Answer a, String kind) {
    JsonNode id = a.json().path(kind).path("id");
    return id.isTextual() ? id.asText() : null;
  }
}
