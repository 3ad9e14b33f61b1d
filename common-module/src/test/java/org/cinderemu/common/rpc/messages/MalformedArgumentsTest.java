package org.cinderemu.common.rpc.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cinderemu.common.rpc.MalformedRpcArguments;
import org.cinderemu.common.rpc.messages.backup.ContinueBackup;
import org.cinderemu.common.rpc.messages.backup.ResetStatus;
import org.cinderemu.common.rpc.messages.scheduler.CreateVolume;
import org.cinderemu.common.rpc.messages.scheduler.GetPools;
import org.cinderemu.common.rpc.messages.scheduler.UpdateServiceCapabilities;
import org.cinderemu.common.rpc.messages.volume.DeleteVolume;
import org.cinderemu.common.rpc.messages.volume.ExtendVolume;
import org.cinderemu.common.rpc.messages.volume.MigrateVolume;
import org.cinderemu.common.rpc.messages.volume.RemoveExport;
import org.cinderemu.common.rpc.messages.volume.TerminateConnection;
import org.cinderemu.common.testing.Captured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A captured real-Cinder message with one argument broken is refused with one clear
 * {@link MalformedRpcArguments} (a TypeError on the wire) naming the method and the argument.
 */
class MalformedArgumentsTest {

  static Stream<Arguments> broken() {
    return Stream.of(
        arguments("01_", parse(CreateVolume::fromArgs), set("volume", "48244dcc"),
            "create_volume: argument 'volume' must be an object, got string"),
        arguments("01_", parse(CreateVolume::fromArgs), remove("volume"),
            "create_volume: argument 'volume' is missing"),
        arguments("01_", parse(CreateVolume::fromArgs), set("filter_properties", new io.vertx.core.json.JsonArray()),
            "create_volume: argument 'filter_properties' must be an object, got array"),
        arguments("01_", parse(CreateVolume::fromArgs), set("backup_id", 7),
            "create_volume: argument 'backup_id' must be a string, got number"),
        arguments("01_", parse(CreateVolume::fromArgs), edit(a -> a.put("volume", a.getJsonObject("request_spec"))),
            "create_volume: argument 'volume' is not a valid Volume: expected a Volume primitive, got RequestSpec"),
        arguments("01_", parse(CreateVolume::fromArgs),
            edit(a -> a.getJsonObject("volume").getJsonObject("versioned_object.data").remove("id")),
            "create_volume: argument 'volume' is not a valid Volume: it has no id"),
        arguments("03_", parse(GetPools::fromArgs), set("filters", "all"),
            "get_pools: argument 'filters' must be an object, got string"),
        arguments("14_", parse(DeleteVolume::fromArgs), set("cascade", "yes"),
            "delete_volume: argument 'cascade' must be a boolean, got string"),
        arguments("14_", parse(ExtendVolume::fromArgs), set("new_size", "2"),
            "extend_volume: argument 'new_size' must be an integer, got string"),
        arguments("14_", parse(ExtendVolume::fromArgs), set("new_size", 2.5),
            "extend_volume: argument 'new_size' must be an integer, got number"),
        arguments("14_", parse(MigrateVolume::fromArgs), set("host", new JsonObject().put("host", 1)),
            "migrate_volume: argument 'host' is not a valid host dict: its 'host' must be a string"),
        arguments("11_", parse(TerminateConnection::fromArgs), set("connector", "emu-lab"),
            "terminate_connection: argument 'connector' must be an object, got string"),
        arguments("12_", parse(RemoveExport::fromArgs), remove("volume_id"),
            "remove_export: argument 'volume_id' is missing"),
        arguments("15_", parse(UpdateServiceCapabilities::fromArgs), set("host", null),
            "update_service_capabilities: argument 'host' must be a string, got null"),
        arguments("08_", parse(ContinueBackup::fromArgs), edit(a -> a.put("backup_device", a.getJsonObject("backup"))),
            "continue_backup: argument 'backup_device' is not a valid BackupDeviceInfo: "
                + "expected a BackupDeviceInfo primitive, got Backup"),
        arguments("22_", parse(ResetStatus::fromArgs), set("status", 12345),
            "reset_status: argument 'status' must be a string, got number"),
        arguments("22_", parse(ResetStatus::fromArgs), set("status", null),
            "reset_status: argument 'status' must be a string, got null"),
        arguments("22_", parse(ResetStatus::fromArgs), set("status", "bogus"),
            "reset_status: argument 'status' is not a valid BackupStatus: 'bogus'"),
        arguments("13_", parse(org.cinderemu.common.rpc.messages.backup.DeleteBackup::fromArgs),
            edit(a -> a.getJsonObject("backup").getJsonObject("versioned_object.data").put("size", "big")),
            "delete_backup: argument 'backup' is not a valid Backup: "));
  }

  private static Function<JsonObject, Object> parse(Function<JsonObject, ?> f) {
    return f::apply;
  }

  private static Consumer<JsonObject> edit(Consumer<JsonObject> c) {
    return c;
  }

  private static Consumer<JsonObject> set(String key, Object value) {
    return a -> a.put(key, value);
  }

  private static Consumer<JsonObject> remove(String key) {
    return a -> a.remove(key);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("broken")
  void aBrokenArgumentIsOneClearError(String prefix, Function<JsonObject, Object> fromArgs,
      Consumer<JsonObject> breakIt, String expected) throws IOException {
    JsonObject args = Captured.message(prefix).getJsonObject("oslo_message_decoded").getJsonObject("args").copy();
    breakIt.accept(args);

    MalformedRpcArguments e = catchThrowableOfType(() -> fromArgs.apply(args), MalformedRpcArguments.class);

    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n");
    assertThat(e.className()).isEqualTo("TypeError");
    assertThat(e.module()).isEqualTo("builtins");
  }
}
