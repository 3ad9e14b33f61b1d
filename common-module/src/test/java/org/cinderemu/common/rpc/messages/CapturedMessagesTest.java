package org.cinderemu.common.rpc.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.backup.ContinueBackup;
import org.cinderemu.common.rpc.messages.backup.DeleteBackup;
import org.cinderemu.common.rpc.messages.backup.ResetStatus;
import org.cinderemu.common.rpc.messages.scheduler.GetPools;
import org.cinderemu.common.rpc.messages.scheduler.NotifyServiceCapabilities;
import org.cinderemu.common.rpc.messages.scheduler.UpdateServiceCapabilities;
import org.cinderemu.common.rpc.messages.volume.DeleteVolume;
import org.cinderemu.common.rpc.messages.volume.GetBackupDevice;
import org.cinderemu.common.rpc.messages.volume.InitializeConnection;
import org.cinderemu.common.rpc.messages.volume.PublishServiceCapabilities;
import org.cinderemu.common.rpc.messages.volume.RemoveExport;
import org.cinderemu.common.rpc.messages.volume.TerminateConnection;
import org.cinderemu.common.testing.Captured;
import org.cinderemu.common.testing.JsonShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message record against the message a real Cinder 21 sent (test resources captured/messages):
 * it parses the captured args, names the captured method and version, and builds the captured args
 * back, key for key and in order; and each record survives toArgs → fromArgs unchanged.
 */
class CapturedMessagesTest {

  static Stream<Arguments> captured() {
    return Stream.of(
        arguments("01_", parser(org.cinderemu.common.rpc.messages.scheduler.CreateVolume::fromArgs)),
        arguments("02_", parser(org.cinderemu.common.rpc.messages.volume.CreateVolume::fromArgs)),
        arguments("03_", parser(GetPools::fromArgs)),
        arguments("05_", parser(org.cinderemu.common.rpc.messages.scheduler.CreateBackup::fromArgs)),
        arguments("06_", parser(org.cinderemu.common.rpc.messages.backup.CreateBackup::fromArgs)),
        arguments("07_", parser(GetBackupDevice::fromArgs)),
        arguments("08_", parser(ContinueBackup::fromArgs)),
        arguments("09_", parser(InitializeConnection::fromArgs)),
        arguments("11_", parser(TerminateConnection::fromArgs)),
        arguments("12_", parser(RemoveExport::fromArgs)),
        arguments("13_", parser(DeleteBackup::fromArgs)),
        arguments("14_", parser(DeleteVolume::fromArgs)),
        arguments("15_", parser(UpdateServiceCapabilities::fromArgs)),
        arguments("16_", parser(NotifyServiceCapabilities::fromArgs)),
        arguments("19_", parser(org.cinderemu.common.rpc.messages.volume.CreateVolume::fromArgs)),
        arguments("20_", parser(UpdateServiceCapabilities::fromArgs)),
        arguments("21_", parser(PublishServiceCapabilities::fromArgs)),
        arguments("22_", parser(ResetStatus::fromArgs)));
  }

  private static Function<JsonObject, RpcMessage> parser(Function<JsonObject, ? extends RpcMessage> f) {
    return f::apply;
  }

  @ParameterizedTest(name = "captured message {0}")
  @MethodSource("captured")
  void buildsTheCapturedArgsBack(String prefix, Function<JsonObject, RpcMessage> fromArgs) throws IOException {
    JsonObject inner = Captured.message(prefix).getJsonObject("oslo_message_decoded");
    JsonObject args = withoutLazyBackupParents(inner.getJsonObject("args"));

    RpcMessage message = fromArgs.apply(args);

    assertThat(message.method()).isEqualTo(inner.getString("method"));
    assertThat(message.version()).isEqualTo(inner.getString("version"));
    assertThat(JsonShape.diff(args, message.toArgs())).isEmpty();
    assertThat(message.toArgs()).isEqualTo(args);
  }

  @ParameterizedTest(name = "captured message {0}")
  @MethodSource("captured")
  void roundTripsThroughItsArgs(String prefix, Function<JsonObject, RpcMessage> fromArgs) throws IOException {
    JsonObject args = withoutLazyBackupParents(
        Captured.message(prefix).getJsonObject("oslo_message_decoded").getJsonObject("args"));
    RpcMessage message = fromArgs.apply(args);

    assertThat(fromArgs.apply(message.toArgs())).isEqualTo(message);
  }

  /**
   * The create flow's Backup primitives carry their lazy-loaded {@code parent} (null); the emulator sends
   * the loaded-from-the-database form without it (as VersionedObjectsTest documents).
   */
  private static JsonObject withoutLazyBackupParents(JsonObject args) {
    JsonObject copy = args.copy();
    if (copy.getValue("backup") instanceof JsonObject backup
        && backup.getValue(VersionedObjects.DATA) instanceof JsonObject data) {
      data.remove("parent");
    }
    return copy;
  }
}
