package org.cinderemu.volume.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.data.DataConnectionInfo;
import org.cinderemu.common.data.DataProtocol;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.common.data.VolumeDataException;
import org.cinderemu.common.data.VolumeDataException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data endpoint over real HTTP with the real client, once per store. */
class VolumeDataServerTest {

  enum StoreKind { SPARSE_FILE, IN_MEMORY }

  @TempDir
  Path dir;

  private Vertx vertx;
  private VolumeDataServer server;
  private HttpClient raw;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    raw = vertx.createHttpClient();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private VolumeDataStore start(StoreKind kind) throws Exception {
    VolumeDataStore store = kind == StoreKind.SPARSE_FILE ? new SparseFileDataStore(vertx, dir) : new InMemoryDataStore();
    server = await(new VolumeDataServer(vertx, store, "127.0.0.1", 0).start());
    return store;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  private static Buffer randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  private static Reason reasonOf(Throwable e) {
    return ((VolumeDataException) e).reason();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void bytesRoundTripThroughTheConnectionInfo(StoreKind kind) throws Exception {
    VolumeDataStore store = start(kind);
    long size = DataProtocol.MAX_TRANSFER_BYTES + (5L << 20) + 3; // forces split transfers
    await(store.create("vol-a", size));

    JsonObject info = await(server.initializeConnection("vol-a"));
    assertThat(info.getString("driver_volume_type")).isEqualTo("emulator_http");
    assertThat(info.getJsonObject("data").getString("url"))
        .isEqualTo("http://127.0.0.1:" + server.actualPort() + "/volumes/vol-a");
    assertThat(info.getJsonObject("data").getLong("size_bytes")).isEqualTo(size);
    assertThat(server.actualPort()).isPositive();

    VolumeDataClient client = VolumeDataClient.open(vertx, new JsonObject(info.encode()));
    Buffer data = randomBytes(42, DataProtocol.MAX_TRANSFER_BYTES + 1000);
    await(client.write(777, data));

    assertThat(await(client.size())).isEqualTo(size);
    assertThat(await(client.read(777, data.length()))).isEqualTo(data);
    assertThat(await(store.read("vol-a", 777, data.length()))).isEqualTo(data);
    assertThat(await(client.read(size - 10, 10)).getBytes()).containsOnly(0);
    await(client.close());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aMissingWrongOrRevokedTokenIsForbidden(StoreKind kind) throws Exception {
    VolumeDataStore store = start(kind);
    await(store.create("vol-a", 4096));
    await(store.create("vol-b", 4096));

    assertThat(rawRequest(HttpMethod.GET, "/volumes/vol-a?offset=0&length=1", null).statusCode()).isEqualTo(403);
    assertThat(rawRequest(HttpMethod.GET, "/volumes/vol-a?offset=0&length=1", "made-up").statusCode()).isEqualTo(403);

    JsonObject infoA = await(server.initializeConnection("vol-a", "backup-host-1"));
    VolumeDataClient clientA = VolumeDataClient.open(vertx, infoA);
    assertThat(await(clientA.read(0, 16)).length()).isEqualTo(16);

    // vol-a's token does not open vol-b
    DataConnectionInfo a = DataConnectionInfo.fromJson(infoA);
    VolumeDataClient crossed = VolumeDataClient.open(vertx,
        new DataConnectionInfo(server.urlOf("vol-b"), a.token(), "vol-b", 4096, "rw").toJson());
    assertThatThrownBy(() -> await(crossed.read(0, 1))).satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.ACCESS_DENIED));

    // terminate_connection revokes that connector's attachment only
    VolumeDataClient second = VolumeDataClient.open(vertx, await(server.initializeConnection("vol-a", "backup-host-2")));
    assertThat(server.terminateConnection("vol-a", "backup-host-1")).isEqualTo(1);
    assertThatThrownBy(() -> await(clientA.write(0, Buffer.buffer("x"))))
        .isInstanceOf(VolumeDataException.class)
        .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.ACCESS_DENIED))
        .hasMessageContaining("vol-a");
    assertThat(await(second.read(0, 1)).length()).isEqualTo(1);

    JsonObject thirdInfo = await(server.initializeConnection("vol-a"));
    VolumeDataClient third = VolumeDataClient.open(vertx, thirdInfo);
    assertThat(server.revoke(DataConnectionInfo.fromJson(thirdInfo).token())).isTrue();
    assertThatThrownBy(() -> await(third.size())).satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.ACCESS_DENIED));

    // remove_export revokes them all
    assertThat(server.unexport("vol-a")).isEqualTo(1);
    assertThatThrownBy(() -> await(second.size())).satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.ACCESS_DENIED));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aVolumeWithoutDataIsNotFound(StoreKind kind) throws Exception {
    VolumeDataStore store = start(kind);
    assertThatThrownBy(() -> await(server.initializeConnection("ghost"))).isInstanceOf(NoSuchVolumeDataException.class);

    await(store.create("vol-a", 4096));
    VolumeDataClient client = VolumeDataClient.open(vertx, await(server.initializeConnection("vol-a")));
    await(store.delete("vol-a"));
    assertThatThrownBy(() -> await(client.read(0, 1)))
        .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.NOT_FOUND))
        .hasMessageContaining("vol-a");
    assertThatThrownBy(() -> await(client.size())).satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.NOT_FOUND));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void rangesOutsideTheVolumeAreNotSatisfiable(StoreKind kind) throws Exception {
    VolumeDataStore store = start(kind);
    await(store.create("vol-a", 4096));
    JsonObject info = await(server.initializeConnection("vol-a"));
    VolumeDataClient client = VolumeDataClient.open(vertx, info);

    assertThatThrownBy(() -> await(client.read(4095, 2)))
        .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(Reason.OUT_OF_RANGE))
        .hasMessageContaining("read of [4095, 4097)");
    assertThatThrownBy(() -> await(client.write(4000, Buffer.buffer(new byte[200]))))
        .satisfies(e -> assertThat(e).isInstanceOf(VolumeDataException.class))
        .satisfies(e -> assertThat(((VolumeDataException) e).httpStatus()).isEqualTo(416));

    String token = DataConnectionInfo.fromJson(info).token();
    assertThat(rawRequest(HttpMethod.GET, "/volumes/vol-a?offset=0", token).statusCode()).isEqualTo(400);
    assertThat(rawRequest(HttpMethod.GET, "/volumes/vol-a?offset=x&length=1", token).statusCode()).isEqualTo(400);
    assertThat(rawRequest(HttpMethod.DELETE, "/volumes/vol-a", token).statusCode()).isEqualTo(405);
    // an oversized body is refused from its headers alone (the client asks before sending it)
    HttpClientResponse tooBig = await(raw.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1")
            .setPort(server.actualPort()).setURI("/volumes/vol-a?offset=0").putHeader(DataProtocol.TOKEN_HEADER, token)
            .putHeader("Expect", "100-continue")
            .putHeader("Content-Length", Integer.toString(DataProtocol.MAX_TRANSFER_BYTES + 1)))
        .compose(req -> {
          req.continueHandler(v -> req.end(Buffer.buffer(new byte[DataProtocol.MAX_TRANSFER_BYTES + 1])));
          req.exceptionHandler(e -> { }); // the server closes the half-sent request's connection, as intended
          return req.sendHead().compose(v -> req.response());
        }));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    HttpClientResponse head = rawRequest(HttpMethod.HEAD, "/volumes/vol-a", token);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader(DataProtocol.SIZE_HEADER)).isEqualTo("4096");
  }

  private HttpClientResponse rawRequest(HttpMethod method, String uri, String token) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1")
        .setPort(server.actualPort()).setURI(uri);
    if (token != null) {
      options.putHeader(DataProtocol.TOKEN_HEADER, token);
    }
    return await(raw.request(options).compose(req -> req.send())
        .compose(resp -> resp.body().map(ignored -> resp)));
  }
}
