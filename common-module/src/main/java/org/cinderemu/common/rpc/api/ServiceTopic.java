package org.cinderemu.common.rpc.api;

import org.cinderemu.common.rpc.Target;

/**
 * Cinder's three RPC services: the topic each listens on (also its binary and {@code services.topic}) and
 * the RPC API version its manager serves (Cinder's {@code RPC_API_VERSION} of each rpcapi.py;
 * docs/cinder-reference.md §2.2).
 */
public enum ServiceTopic {
  SCHEDULER("cinder-scheduler", "3.12"),
  VOLUME("cinder-volume", "3.18"),
  BACKUP("cinder-backup", "2.3");

  private final String topic;
  private final String apiVersion;

  ServiceTopic(String topic, String apiVersion) {
    this.topic = topic;
    this.apiVersion = apiVersion;
  }

  /** e.g. {@code cinder-volume}. */
  public String topic() {
    return topic;
  }

  /** The version the manager's dispatcher accepts and the services row reports. */
  public String apiVersion() {
    return apiVersion;
  }

  /** Every server of the topic, through exchange {@code <topic>_fanout}. */
  public Target fanout() {
    return Target.topic(topic).asFanout();
  }

  @Override
  public String toString() {
    return topic;
  }
}
