package org.cinderemu.common.rpc.messages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.rpc.MalformedRpcArguments;

/**
 * Reads the keyword arguments of one RPC method for its message record's {@code fromArgs}. Every
 * missing or mistyped argument is one {@link MalformedRpcArguments} naming the method and the argument.
 * "Optional" readers accept an absent key or null, as Python's keyword defaults do.
 */
public final class RpcArgs {

  private final String method;
  private final JsonObject args;

  private RpcArgs(String method, JsonObject args) {
    this.method = method;
    this.args = args == null ? new JsonObject() : args;
  }

  public static RpcArgs of(String method, JsonObject args) {
    return new RpcArgs(method, args);
  }

  private Object required(String name) {
    if (!args.containsKey(name)) {
      throw MalformedRpcArguments.missing(method, name);
    }
    return args.getValue(name);
  }

  public JsonObject object(String name) {
    Object v = required(name);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw MalformedRpcArguments.wrongType(method, name, "an object", v);
  }

  /** An object, or null when absent or null. */
  public JsonObject optionalObject(String name) {
    Object v = args.getValue(name);
    if (v == null || v instanceof JsonObject) {
      return (JsonObject) v;
    }
    throw MalformedRpcArguments.wrongType(method, name, "an object", v);
  }

  public String string(String name) {
    Object v = required(name);
    if (v instanceof String s) {
      return s;
    }
    throw MalformedRpcArguments.wrongType(method, name, "a string", v);
  }

  /** A string, or null when absent or null. */
  public String optionalString(String name) {
    Object v = args.getValue(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw MalformedRpcArguments.wrongType(method, name, "a string", v);
  }

  /** A boolean, or {@code absent} when the key is absent or null. */
  public boolean bool(String name, boolean absent) {
    Object v = args.getValue(name);
    if (v == null) {
      return absent;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw MalformedRpcArguments.wrongType(method, name, "a boolean", v);
  }

  public int integer(String name) {
    Object v = required(name);
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() == ((Number) v).intValue()) {
      return ((Number) v).intValue();
    }
    throw MalformedRpcArguments.wrongType(method, name, "an integer", v);
  }

  /** An array, or an empty one when absent or null. */
  public JsonArray array(String name) {
    Object v = args.getValue(name);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw MalformedRpcArguments.wrongType(method, name, "an array", v);
  }

  /** A backup status by its wire string; any other string is refused, as Cinder's BackupStatusField does. */
  public BackupStatus backupStatus(String name) {
    String wire = string(name);
    return BackupStatus.fromWire(wire).orElseThrow(() -> MalformedRpcArguments.invalid(method, name,
        "BackupStatus", "'" + wire + "'"));
  }

  /** A Volume primitive with an id (every handler looks its row up by it). */
  public Volume volume(String name) {
    return withId(name, "Volume", decode(name, "Volume", VersionedObjects::toVolume), Volume::id);
  }

  /** A Backup primitive with an id. */
  public Backup backup(String name) {
    return withId(name, "Backup", decode(name, "Backup", VersionedObjects::toBackup), Backup::id);
  }

  private <T> T withId(String name, String objectName, T object, Function<T, String> id) {
    if (id.apply(object) == null) {
      throw MalformedRpcArguments.invalid(method, name, objectName, "it has no id");
    }
    return object;
  }

  /** A versioned object read by {@code decoder}; whatever the decoder refuses names the argument. */
  public <T> T decode(String name, String objectName, Function<JsonObject, T> decoder) {
    JsonObject primitive = object(name);
    try {
      return decoder.apply(primitive);
    } catch (RuntimeException e) {
      throw MalformedRpcArguments.invalid(method, name, objectName, String.valueOf(e.getMessage()));
    }
  }
}
