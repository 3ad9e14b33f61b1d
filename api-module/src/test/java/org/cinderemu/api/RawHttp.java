package org.cinderemu.api;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes exactly as written (no Host added, bodies framed by hand) and reads the answer until the server
 * closes or {@code Connection: close} ends it; for requests a well-behaved HTTP client cannot send.
 */
public final class RawHttp {

  /** One parsed answer; {@code status} is -1 when the server closed without answering. */
  public record Answer(int status, String headers, String body) {

    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private RawHttp() {
  }

  /** {@code head} is the request line and headers without the blank line; {@code body} is sent raw after it. */
  public static Answer send(Vertx vertx, int port, String head, String body) throws Exception {
    NetClient client = vertx.createNetClient();
    try {
      Promise<Buffer> received = Promise.promise();
      Buffer all = Buffer.buffer();
      client.connect(port, "127.0.0.1").onFailure(received::tryFail).onSuccess(socket -> {
        socket.handler(all::appendBuffer);
        socket.endHandler(v -> received.tryComplete(all));
        socket.exceptionHandler(received::tryFail);
        socket.write(head + "\r\n\r\n" + (body == null ? "" : body));
      });
      // a server that keeps the connection open after its answer is cut off by the timeout of join
      vertx.setTimer(5000, t -> received.tryComplete(all));
      return parse(ApiStack.join(received.future()).toString(StandardCharsets.UTF_8));
    } finally {
      ApiStack.join(client.close());
    }
  }

  private static Answer parse(String raw) {
    if (!raw.startsWith("HTTP/")) {
      return new Answer(-1, "", raw);
    }
    int headEnd = raw.indexOf("\r\n\r\n");
    String headers = headEnd < 0 ? raw : raw.substring(0, headEnd);
    String body = headEnd < 0 ? "" : raw.substring(headEnd + 4);
    int status = Integer.parseInt(headers.split(" ", 3)[1]);
    if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
