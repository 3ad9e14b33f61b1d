package org.cinderemu.api.core;

import io.vertx.core.Future;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.DuplicateException;
import org.cinderemu.common.db.InUseException;
import org.cinderemu.common.db.NotFoundException;
import org.cinderemu.common.rpc.MessagingTimeout;
import org.cinderemu.common.rpc.RemoteError;

/**
 * Translates what the database and RPC layers fail with into Cinder's HTTP faults, as Cinder's wsgi layer
 * maps its exception classes (NotFound 404, Invalid 400, Duplicate 409, ...). Anything else stays a 500.
 */
public final class ApiErrors {

  private static final String INVALID_INPUT = "Invalid input received: ";

  private ApiErrors() {
  }

  public static Throwable translate(Throwable e) {
    if (e instanceof ApiException) {
      return e;
    }
    if (e instanceof NotFoundException) {
      return ApiException.notFound(e.getMessage());
    }
    if (e instanceof DuplicateException) {
      return ApiException.conflict(e.getMessage());
    }
    if (e instanceof InUseException) {
      return ApiException.badRequest(e.getMessage());
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null
        && e.getMessage().startsWith(INVALID_INPUT)) {
      return ApiException.badRequest(e.getMessage());
    }
    if (e instanceof RemoteError re && re.kwargs().getValue("code") instanceof Number code
        && code.intValue() >= 400 && code.intValue() < 600) {
      return new ApiException(code.intValue(), re.getMessage());
    }
    if (e instanceof MessagingTimeout) {
      return new ApiException(500, "Timed out waiting for a reply from the scheduler.", e);
    }
    return e;
  }

  /** {@code future} with its failure translated. */
  public static <T> Future<T> translated(Future<T> future) {
    return future.recover(e -> Future.failedFuture(translate(e)));
  }
}
