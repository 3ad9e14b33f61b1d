package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.microversion.MicroversionHeader;

/**
 * Negotiates {@code OpenStack-API-Version} (400 malformed, 406 out of range) and stamps the chosen version
 * and {@code Vary} on the response, errors included, as Cinder's wsgi.Resource and Fault do.
 */
public final class MicroversionHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    ApiVersion version;
    try {
      version = MicroversionHeader.negotiate(ctx.request().headers().getAll(MicroversionHeader.NAME));
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    ctx.put(RequestData.VERSION, version);
    ctx.addHeadersEndHandler(v -> ctx.response()
        .putHeader(MicroversionHeader.NAME, MicroversionHeader.responseValue(version))
        .putHeader("Vary", MicroversionHeader.NAME));
    ctx.next();
  }
}
