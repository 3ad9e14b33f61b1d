package org.cinderemu.common.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted stand-in endpoint; the real server is exercised in volume-module. */
class VolumeDataClientTest {

  private static final String VOLUME = "vol-1";
  private static final String TOKEN = "secret";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private volatile int forcedStatus;

  @BeforeEach
  void startStub() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void answer(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      requests.add(req.method() + " " + req.uri() + " " + body.length() + " " + req.getHeader(DataProtocol.TOKEN_HEADER));
      if (forcedStatus != 0) {
        req.response().setStatusCode(forcedStatus).end("told to fail");
        return;
      }
      switch (req.method().name()) {
        case "HEAD" -> req.response().putHeader(DataProtocol.SIZE_HEADER, "12345").end();
        case "GET" -> {
          long offset = Long.parseLong(req.getParam("offset"));
          int length = Integer.parseInt(req.getParam("length"));
          Buffer out = Buffer.buffer(length);
          for (int i = 0; i < length; i++) {
            out.appendByte((byte) (offset + i));
          }
          req.response().end(out);
        }
        default -> req.response().setStatusCode(204).end();
      }
    });
  }

  private VolumeDataClient client() {
    String url = "http://127.0.0.1:" + server.actualPort() + "/volumes/" + VOLUME;
    return VolumeDataClient.open(vertx, new DataConnectionInfo(url, TOKEN, VOLUME, 12345, "rw").toJson());
  }

  @Test
  void splitsLargeRangesAndSendsTheToken() throws Exception {
    VolumeDataClient client = client();
    int length = DataProtocol.MAX_TRANSFER_BYTES + 10;

    Buffer data = client.read(7, length).await(30, TimeUnit.SECONDS);
    client.write(100, data).await(30, TimeUnit.SECONDS);

    assertThat(data.length()).isEqualTo(length);
    assertThat(data.getByte(0)).isEqualTo((byte) 7);
    assertThat(data.getByte(length - 1)).isEqualTo((byte) (7 + length - 1));
    assertThat(requests).containsExactly(
        "GET /volumes/vol-1?offset=7&length=" + DataProtocol.MAX_TRANSFER_BYTES + " 0 secret",
        "GET /volumes/vol-1?offset=" + (7 + DataProtocol.MAX_TRANSFER_BYTES) + "&length=10 0 secret",
        "PUT /volumes/vol-1?offset=100 " + DataProtocol.MAX_TRANSFER_BYTES + " secret",
        "PUT /volumes/vol-1?offset=" + (100 + DataProtocol.MAX_TRANSFER_BYTES) + " 10 secret");
    assertThat(client.size().await(10, TimeUnit.SECONDS)).isEqualTo(12345L);
    client.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void mapsRefusalsToReasonsThatNameTheVolumeAndRange() {
    VolumeDataClient client = client();
    forcedStatus = 403;
    assertThatThrownBy(() -> client.read(0, 10).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(VolumeDataException.class,
            e -> assertThat(e.reason()).isEqualTo(VolumeDataException.Reason.ACCESS_DENIED))
        .hasMessageContaining("vol-1").hasMessageContaining("revoked");
    forcedStatus = 404;
    assertThatThrownBy(() -> client.size().await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(VolumeDataException.class,
            e -> assertThat(e.reason()).isEqualTo(VolumeDataException.Reason.NOT_FOUND));
    forcedStatus = 416;
    assertThatThrownBy(() -> client.write(5, Buffer.buffer("abc")).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(VolumeDataException.class,
            e -> assertThat(e.reason()).isEqualTo(VolumeDataException.Reason.OUT_OF_RANGE))
        .hasMessageContaining("write of [5, 8)").hasMessageContaining("told to fail");
  }

  @Test
  void anUnreachableEndpointFailsInsteadOfHanging() throws Exception {
    VolumeDataClient client = client();
    server.close().await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> client.read(0, 1).await(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(VolumeDataException.class,
            e -> assertThat(e.reason()).isEqualTo(VolumeDataException.Reason.UNREACHABLE));
  }
}
