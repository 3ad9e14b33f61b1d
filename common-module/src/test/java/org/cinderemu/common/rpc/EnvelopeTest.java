package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  static JsonObject captured(String prefix) throws IOException {
    return org.cinderemu.common.testing.Captured.message(prefix);
  }

  @Test
  void encodesTheInnerMessageAsAString() {
    JsonObject inner = new JsonObject().put("method", "m").put("args", new JsonObject());
    JsonObject outer = new JsonObject(Envelope.encode(inner));
    assertThat(outer.fieldNames()).containsExactly("oslo.version", "oslo.message");
    assertThat(outer.getValue("oslo.message")).isInstanceOf(String.class);
    assertThat(Envelope.decode(Envelope.encode(inner))).isEqualTo(inner);
  }

  @Test
  void decodesTheCapturedRawBodies() throws IOException {
    JsonObject msg = captured("03_");
    JsonObject inner = Envelope.decode(Buffer.buffer(msg.getString("raw_body")));
    assertThat(inner).isEqualTo(msg.getJsonObject("oslo_message_decoded"));
  }

  @Test
  void castKeysComeInOslosOrder() throws IOException {
    JsonObject real = captured("01_").getJsonObject("oslo_message_decoded");
    RequestContext ctx = RequestContext.user("admin", "admin", "req-x", "admin:admin", "127.0.0.1");
    JsonObject ours = RpcRequest.cast(ctx, "create_volume", new JsonObject(), "3.0").toInner();
    assertThat(new ArrayList<>(ours.fieldNames())).isEqualTo(new ArrayList<>(real.fieldNames()));
    for (String key : real.fieldNames()) {
      if (key.startsWith("_context_") && real.getValue(key) != null) {
        assertThat(ours.getValue(key)).as(key).isInstanceOf(real.getValue(key).getClass());
      }
    }
    assertThat(ours.getString("_unique_id")).matches("[0-9a-f]{32}");
  }

  @Test
  void callKeysComeInOslosOrder() throws IOException {
    JsonObject real = captured("03_").getJsonObject("oslo_message_decoded");
    JsonObject ours = RpcRequest.call(RequestContext.admin(), "get_pools", new JsonObject().put("filters",
        new JsonObject()), "3.0", "reply_" + RpcRequest.newId()).toInner();
    assertThat(new ArrayList<>(ours.fieldNames())).isEqualTo(new ArrayList<>(real.fieldNames()));
    assertThat(ours.getValue("_timeout")).isNull();
    assertThat(ours.getString("_reply_q")).matches("reply_[0-9a-f]{32}");
  }

  @Test
  void replyKeysComeInOslosOrder() throws IOException {
    JsonObject real = captured("04_").getJsonObject("oslo_message_decoded");
    JsonObject ours = RpcReply.success("abc", List.of()).toInner();
    assertThat(new ArrayList<>(ours.fieldNames())).isEqualTo(new ArrayList<>(real.fieldNames()));
  }

  @Test
  void contextRoundTrips() {
    RequestContext ctx = RequestContext.user("u", "p", "req-1", "u:p", "10.0.0.1");
    JsonObject inner = RpcRequest.cast(ctx, "m", null, "3.0").toInner();
    RequestContext back = RpcRequest.fromInner(inner).context();
    assertThat(back).isEqualTo(ctx);
    assertThat(inner.getString("_context_user_identity")).isEqualTo("u p - - -");
  }

  @Test
  void bareMessagesAndGarbage() {
    assertThat(Envelope.decode(Buffer.buffer("{\"method\":\"x\"}")).getString("method")).isEqualTo("x");
    assertThatThrownBy(() -> Envelope.decode(Buffer.buffer("not json")))
        .isInstanceOf(Envelope.MalformedMessageException.class);
    assertThatThrownBy(() -> Envelope.decode(Buffer.buffer("{\"oslo.version\":\"2.0\",\"oslo.message\":\"[1]\"}")))
        .isInstanceOf(Envelope.MalformedMessageException.class);
    assertThat(RpcRequest.fromInner(new JsonObject().put("method", "m")).version()).isEqualTo("1.0");
  }

  @Test
  void failureFormatRoundTrips() {
    RemoteError e = RemoteError.cinder("VolumeNotFound", "Volume abc could not be found.", 404);
    JsonObject f = e.toFailureJson();
    assertThat(f.fieldNames()).containsExactly("class", "module", "message", "tb", "args", "kwargs");
    RemoteError back = RemoteError.fromFailure(f.encode());
    assertThat(back.className()).isEqualTo("VolumeNotFound");
    assertThat(back.module()).isEqualTo("cinder.exception");
    assertThat(back.kwargs().getInteger("code")).isEqualTo(404);
  }
}
