package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.MalformedRpcArguments;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The migrate_volume cast to the source backend (3.5: takes objects); {@code host} is the {host,
 * cluster_name, capabilities} dict of the target pool the scheduler checked.
 */
public record MigrateVolume(Volume volume, JsonObject host, boolean forceHostCopy) implements RpcMessage {

  public static final String METHOD = "migrate_volume";
  public static final String VERSION = "3.5";

  public MigrateVolume {
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(host, "host");
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public JsonObject toArgs() {
    return new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("host", host)
        .put("force_host_copy", forceHostCopy);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static MigrateVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    JsonObject host = a.object("host");
    if (!(host.getValue("host") instanceof String)) {
      throw MalformedRpcArguments.invalid(METHOD, "host", "host dict", "its 'host' must be a string");
    }
    return new MigrateVolume(a.volume("volume"), host, a.bool("force_host_copy", false));
  }

  /** The target pool, {@code host@backend#pool}. */
  public String targetHost() {
    return host.getString("host");
  }
}
