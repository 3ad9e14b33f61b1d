package org.cinderemu.deploy.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.data.DataProtocol;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.api.VolumeRpcApi;

/**
 * A volume's bytes, reached as a backup service reaches them: {@code initialize_connection} (an RPC call to the
 * volume's backend, routed by its host field) returns the data endpoint and a token, the bytes move over
 * {@link VolumeDataClient}, and {@code terminate_connection} + {@code remove_export} end the attachment.
 */
final class VolumeBytes implements AutoCloseable {

  private static final long TIMEOUT_S = 60;

  private final Vertx vertx;
  private final Database db;
  private final RpcTransport transport;
  private final VolumeRpcApi volumes;
  private final JsonObject connector = new JsonObject().put("host", "it-harness").put("ip", "127.0.0.1")
      .put("multipath", false).put("platform", "x86_64").put("os_type", "linux");

  private VolumeBytes(Vertx vertx, Database db, RpcTransport transport) {
    this.vertx = vertx;
    this.db = db;
    this.transport = transport;
    this.volumes = new VolumeRpcApi(new RpcClient(transport));
  }

  /** Its own AMQP connection on the lab's broker; {@code db} reads the volume rows (for their host field). */
  static VolumeBytes open(Lab lab, Database db) throws Exception {
    return open(lab.vertx, lab.conf(), db);
  }

  /** The same for a stack this test did not start: {@code conf} names its broker (e.g. `up`'s cinder.conf). */
  static VolumeBytes open(Vertx vertx, CinderConf conf, Database db) throws Exception {
    RpcTransport t = RpcTransport.connect(vertx, RpcConfig.from(conf), "it-harness")
        .await(TIMEOUT_S, TimeUnit.SECONDS);
    return new VolumeBytes(vertx, db, t);
  }

  void write(String volumeId, long offset, byte[] data) throws Exception {
    attached(volumeId, client -> client.write(offset, Buffer.buffer(data)));
  }

  byte[] read(String volumeId, long offset, int length) throws Exception {
    return attached(volumeId, client -> client.read(offset, length)).getBytes();
  }

  long size(String volumeId) throws Exception {
    return attached(volumeId, VolumeDataClient::size);
  }

  /** The sha256 of the whole volume, read in the data protocol's largest pieces. */
  String sha256(String volumeId) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    attached(volumeId, client -> client.size().compose(size -> digest(client, md, 0, size)));
    return HexFormat.of().formatHex(md.digest());
  }

  private static Future<Void> digest(VolumeDataClient client, MessageDigest md, long offset, long size) {
    if (offset >= size) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(DataProtocol.MAX_TRANSFER_BYTES, size - offset);
    return client.read(offset, n).compose(b -> {
      md.update(b.getBytes());
      return digest(client, md, offset + n, size);
    });
  }

  /** initialize_connection only: the connection info of an attachment this harness never ends. */
  JsonObject attach(String volumeId) throws Exception {
    return db.volumes().get(volumeId)
        .compose(volume -> volumes.initializeConnection(RequestContext.admin(), volume, connector))
        .await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  private <T> T attached(String volumeId, Function<VolumeDataClient, Future<T>> work) throws Exception {
    RequestContext ctx = RequestContext.admin();
    return db.volumes().get(volumeId).compose(volume -> volumes.initializeConnection(ctx, volume, connector)
        .compose(info -> {
          VolumeDataClient client = VolumeDataClient.open(vertx, info);
          return work.apply(client)
              .eventually(client::close)
              .eventually(() -> volumes.terminateConnection(ctx, volume, connector, true)
                  .compose(v -> volumes.removeExport(ctx, volume, true)));
        })).await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    transport.close().await(10, TimeUnit.SECONDS);
  }
}
