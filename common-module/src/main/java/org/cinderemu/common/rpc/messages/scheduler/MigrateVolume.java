package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The migrate_volume cast to any scheduler (3.3: takes a backend): check {@code backend} passes the
 * filters, then cast to the source backend.
 */
public record MigrateVolume(JsonObject requestSpec, JsonObject filterProperties, Volume volume, String backend,
    boolean forceCopy) implements RpcMessage {

  public static final String METHOD = "migrate_volume";
  public static final String VERSION = "3.3";

  public MigrateVolume {
    filterProperties = filterProperties == null ? new JsonObject() : filterProperties;
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(backend, "backend");
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
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties)
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("backend", backend)
        .put("force_copy", forceCopy);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static MigrateVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new MigrateVolume(a.optionalObject("request_spec"), a.optionalObject("filter_properties"),
        a.volume("volume"), a.string("backend"), a.bool("force_copy", false));
  }
}
