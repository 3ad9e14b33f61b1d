package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DispatchRulesTest {

  @Test
  void versionCompatibility() {
    assertThat(VersionCheck.isCompatible("3.18", "3.0")).isTrue();
    assertThat(VersionCheck.isCompatible("3.18", "3.18")).isTrue();
    assertThat(VersionCheck.isCompatible("3.18", "3.19")).isFalse();
    assertThat(VersionCheck.isCompatible("3.18", "2.0")).isFalse();
    assertThat(VersionCheck.isCompatible("3.18", "4.0")).isFalse();
    assertThat(VersionCheck.isCompatible("3.18", null)).isFalse();
    assertThat(VersionCheck.isCompatible("1.1", null)).isTrue();
    assertThat(VersionCheck.isCompatible("2.3.1", "2.3.2")).isFalse();
    assertThat(VersionCheck.isCompatible("2.3", "x")).isFalse();
  }

  @Test
  void duplicatesAreRememberedForSixteenIds() {
    DuplicateFilter f = new DuplicateFilter();
    assertThat(f.firstTime("a")).isTrue();
    assertThat(f.firstTime("a")).isFalse();
    for (int i = 0; i < 16; i++) {
      f.firstTime("x" + i);
    }
    assertThat(f.firstTime("a")).isTrue();
  }

  @Test
  void dispatcherFailsLikeOslo() {
    RpcDispatcher d = new RpcDispatcher("3.12").register("get_pools", (ctx, args) -> Future.succeededFuture(1))
        .register("_private", (ctx, args) -> Future.succeededFuture(2));
    RequestContext ctx = RequestContext.admin();
    assertThat(d.dispatch(RpcRequest.cast(ctx, "get_pools", new JsonObject(), "3.0")).result()).isEqualTo(1);
    RemoteError noMethod = (RemoteError) d.dispatch(RpcRequest.cast(ctx, "nope", null, "3.0")).cause();
    assertThat(noMethod.className()).isEqualTo("NoSuchMethod");
    assertThat(((RemoteError) d.dispatch(RpcRequest.cast(ctx, "_private", null, "3.0")).cause()).className())
        .isEqualTo("NoSuchMethod");
    RemoteError badVersion = (RemoteError) d.dispatch(RpcRequest.cast(ctx, "get_pools", null, "2.0")).cause();
    assertThat(badVersion.className()).isEqualTo("UnsupportedVersion");
    assertThat(badVersion.module()).isEqualTo("oslo_messaging.rpc.dispatcher");
  }

  @Test
  void aTypedHandlerGetsTheParsedMessageAndNeverSeesBadArguments() {
    java.util.List<String> handled = new java.util.ArrayList<>();
    RpcDispatcher d = new RpcDispatcher("3.18").register("remove_export",
        org.cinderemu.common.rpc.messages.volume.RemoveExport::fromArgs, (ctx, message) -> {
          handled.add(message.volumeId());
          return Future.succeededFuture();
        });
    RequestContext ctx = RequestContext.admin();

    assertThat(d.dispatch(RpcRequest.cast(ctx, "remove_export", new JsonObject().put("volume_id", "v1"), "3.0"))
        .succeeded()).isTrue();
    Throwable bad = d.dispatch(RpcRequest.cast(ctx, "remove_export", new JsonObject().put("volume_id", 1), "3.0"))
        .cause();

    assertThat(handled).containsExactly("v1");
    assertThat(bad).isInstanceOf(MalformedRpcArguments.class)
        .hasMessage("remove_export: argument 'volume_id' must be a string, got number");
  }

  @Test
  void transportUrls() {
    TransportUrl u = TransportUrl.parse("rabbit://guest:se%40cret@10.0.0.1:5673/my-vhost");
    assertThat(u.first()).isEqualTo(new TransportUrl.Broker("10.0.0.1", 5673, "guest", "se@cret"));
    assertThat(u.virtualHost()).isEqualTo("my-vhost");
    assertThat(TransportUrl.parse("rabbit://a:b@h/").virtualHost()).isEqualTo("/");
    assertThat(TransportUrl.parse("rabbit://a:b@h1:1,a:b@h2:2/").host()).isEqualTo("h1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportUrl.parse("kafka://h"))
        .hasMessageContaining("only rabbit://");
  }

  @Test
  void transportUrlsWithSeveralHostsIpv6AndQueries() {
    TransportUrl url = TransportUrl.parse("rabbit://a:p1@h1,b:p2@[::1]:5673,h3:5674/cinder?ssl=1");
    assertThat(url.brokers()).extracting(Object::toString).containsExactly("h1:5672", "[::1]:5673", "h3:5674");
    assertThat(url.virtualHost()).isEqualTo("cinder");
    assertThat(url.masked()).isEqualTo("rabbit://a:***@h1,b:***@[::1]:5673,h3:5674/cinder?ssl=1");
    assertThat(TransportUrl.parse("rabbit://").first()).isEqualTo(new TransportUrl.Broker("localhost", 5672,
        "guest", "guest"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:secret@h:abc/"))
        .hasMessageContaining("bad port").message().doesNotContain("secret");
  }
}
