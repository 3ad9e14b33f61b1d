package org.cinderemu.api.core;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.common.rpc.RequestContext;

/** Maps the HTTP caller ({@link ApiContext}) onto the context that travels in {@code _context_*} keys. */
public final class RpcContexts {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private RpcContexts() {
  }

  /** Same user, project, roles, token, address and request id; the timestamp is the request's arrival. */
  public static RequestContext from(ApiContext ctx) {
    String timestamp = LocalDateTime.ofInstant(ctx.timestamp(), ZoneOffset.UTC).format(TS);
    return new RequestContext(ctx.userId(), ctx.projectId(), ctx.isAdmin(), ctx.roles(), ctx.requestId(), null,
        ctx.authToken(), ctx.remoteAddress(), "no", timestamp);
  }
}
