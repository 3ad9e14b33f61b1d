package org.cinderemu.api.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 400 when the HTTP decoder gives up on a request body (a malformed chunk). Vert.x closes the connection
 * on such a failure and runs every handler after the close, so nothing at the Vert.x level can still answer;
 * this Netty handler sits just before Vert.x's and writes the fault itself. A connection handler of the server.
 */
public final class BodyDecoderGuard extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(BodyDecoderGuard.class);
  private static final String NAME = "cinder-body-decoder-guard";

  /** Installs the guard on a new connection (HTTP/1.x only; an HTTP/2 stream reports its own errors). */
  public static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelHandlerContext vertx = base.channelHandlerContext();
      if (vertx.pipeline().get(NAME) == null) {
        vertx.pipeline().addBefore(vertx.name(), NAME, new BodyDecoderGuard());
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpContent content) || content.decoderResult().isSuccess()) {
      ctx.fireChannelRead(msg);
      return;
    }
    LOG.info("Malformed request body: {}", String.valueOf(content.decoderResult().cause()));
    ReferenceCountUtil.release(msg);
    String id = RequestIdHandler.newRequestId();
    byte[] body = new Fault(400, "Malformed request body", OptionalInt.empty()).toJson().encode()
        .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(body));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, "close")
        .set(RequestIdHandler.RESPONSE_HEADER, id)
        .set("x-compute-request-id", id);
    ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
  }
}
