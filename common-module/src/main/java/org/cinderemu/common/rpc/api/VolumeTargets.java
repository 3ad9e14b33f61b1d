package org.cinderemu.common.rpc.api;

import java.util.List;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.rpc.Target;

/**
 * Where volume messages go (docs/cinder-reference.md §4.1), computed only here: a backend
 * {@code host@backend} listens on topic {@code cinder-volume.host@backend} with server {@code host}
 * (routing key {@code cinder-volume.host@backend.host}, the normal traffic), and on topic
 * {@code cinder-volume} with server {@code host@backend}.
 */
public final class VolumeTargets {

  private VolumeTargets() {
  }

  /** The {@code services.host} of one backend of a node: {@code host@backend}. */
  public static String serviceHost(String host, String backend) {
    return host + "@" + backend;
  }

  /** The backend-scoped topic {@code cinder-volume.host@backend} of {@code host@backend[#pool]}. */
  public static String backendTopic(String hostOrCluster) {
    return ServiceTopic.VOLUME.topic() + "." + HostString.extract(hostOrCluster);
  }

  /** The address of the service that owns {@code hostOrCluster} (the object's service_topic_queue). */
  public static Target of(String hostOrCluster) {
    String backend = HostString.extract(hostOrCluster);
    return Target.server(backendTopic(backend), HostString.extract(backend, HostString.Level.HOST));
  }

  /** The two targets the backend {@code host@backend}'s service listens on (docs/cinder-reference.md §2.2). */
  public static List<Target> listenedOnBy(String serviceHost) {
    return List.of(Target.server(ServiceTopic.VOLUME.topic(), serviceHost), of(serviceHost));
  }

  /**
   * With a cluster ({@code cluster@backend}, or null) a third target, (cinder-volume.cluster@backend, cluster):
   * its queue {@code cinder-volume.cluster@backend.cluster} is shared by every member, so the broker hands
   * each message to one of them (docs/cinder-reference.md §2.2).
   */
  public static List<Target> listenedOnBy(String serviceHost, String clusterName) {
    return clusterName == null ? listenedOnBy(serviceHost)
        : List.of(Target.server(ServiceTopic.VOLUME.topic(), serviceHost), of(serviceHost), of(clusterName));
  }
}
