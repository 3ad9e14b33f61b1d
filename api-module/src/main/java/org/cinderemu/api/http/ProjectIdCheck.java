package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Guards {@code /v3/{project_id}/...}: the URL's project must match {@code project_id_regex} and be the
 * caller's project, else Cinder answers 400 "Malformed request url".
 */
public final class ProjectIdCheck implements Handler<RoutingContext> {

  public static final String PATH_PARAM = "project_id";

  private final Pattern projectIdPattern;

  public ProjectIdCheck(Pattern projectIdPattern) {
    this.projectIdPattern = projectIdPattern;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String urlProject = ctx.pathParam(PATH_PARAM);
    NoAuthIdentity identity = RequestData.identity(ctx);
    if (urlProject == null || !projectIdPattern.matcher(urlProject).matches()
        || identity == null || !urlProject.equals(identity.projectId())) {
      ctx.fail(ApiException.badRequest("Malformed request url"));
      return;
    }
    ctx.next();
  }
}
