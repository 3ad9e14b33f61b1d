package org.cinderemu.common.objects;

import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * Cinder's CleanupRequest object 1.0 (docs/cinder-reference.md §9.2): which services' {@code workers} rows to
 * clean. The API fills the filters, the scheduler's {@code work_cleanup} narrows it to one service per
 * {@code do_cleanup} cast. {@code isUp} defaults to false, so a plain request cleans the services that are down.
 */
public record CleanupRequest(
    Integer serviceId,
    String clusterName,
    String host,
    String binary,
    Boolean isUp,
    Boolean disabled,
    String resourceId,
    String resourceType,
    LocalDateTime until) {

  public static final String NAME = "CleanupRequest";
  public static final String VERSION = "1.0";

  /** The request for one service: its id, cluster, host and binary, cleaning work older than {@code until}. */
  public CleanupRequest forService(Service s, LocalDateTime cutoff) {
    return new CleanupRequest(s.id(), s.clusterName(), s.host(), s.binary(), isUp, disabled, resourceId,
        resourceType, cutoff);
  }

  /** Cinder's {@code service_topic_queue}: the cluster when set, else the host. */
  public String serviceTopicQueue() {
    return clusterName != null && !clusterName.isEmpty() ? clusterName : host;
  }

  public JsonObject toPrimitive() {
    JsonObject d = new JsonObject()
        .put("service_id", serviceId)
        .put("cluster_name", clusterName)
        .put("host", host)
        .put("binary", binary)
        .put("is_up", isUp == null ? Boolean.FALSE : isUp)
        .put("disabled", disabled)
        .put("resource_id", resourceId)
        .put("resource_type", resourceType)
        .put("until", VersionedObjects.format(until));
    return VersionedObjects.primitive(NAME, VERSION, d, null);
  }

  public static CleanupRequest fromPrimitive(JsonObject primitive) {
    JsonObject d = VersionedObjects.data(primitive, NAME);
    return new CleanupRequest(d.getInteger("service_id"), d.getString("cluster_name"), d.getString("host"),
        d.getString("binary"), d.getBoolean("is_up", false), d.getBoolean("disabled"), d.getString("resource_id"),
        d.getString("resource_type"), VersionedObjects.parse(d.getString("until")));
  }
}
