package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.QuotaExceededException;
import org.cinderemu.common.db.QuotaRepository;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Volume;

/**
 * What a volume counts against its project's quota, the per-volume size limit, and Cinder's 413 texts for a
 * refusal. The quota itself always moves in the transaction that writes the row it counts
 * ({@link QuotaRepository#inTransaction}).
 */
final class VolumeQuota {

  private VolumeQuota() {
  }

  /** Cinder's reservation order, which decides the resource a refusal names: volumes, then gigabytes. */
  static Map<String, Integer> of(Volume v) {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put(QuotaUsage.VOLUMES, 1);
    q.put(QuotaUsage.GIGABYTES, v.size() == null ? 0 : v.size());
    return q;
  }

  static Map<String, Integer> gigabytes(int gb) {
    return Map.of(QuotaUsage.GIGABYTES, gb);
  }

  /** Cinder's {@code limit_check(per_volume_gigabytes=size)}, on the limits the transaction read. */
  static Future<Void> checkPerVolumeLimit(QuotaRepository.Transaction tx, int size) {
    int limit = tx.limit(ApiOptions.PER_VOLUME_GIGABYTES);
    if (limit >= 0 && size > limit) {
      return Future.failedFuture(ApiException.overLimit("Requested volume size " + size
          + "G is larger than maximum allowed limit " + limit + "G.", 0));
    }
    return Future.succeededFuture();
  }

  /** {@code future} with a quota refusal turned into Cinder's 413 text. */
  static <T> Future<T> translated(Future<T> future, int requestedGb) {
    return future.recover(e -> Future.failedFuture(
        e instanceof QuotaExceededException q ? overQuota(q, requestedGb) : e));
  }

  static ApiException overQuota(QuotaExceededException q, int requestedGb) {
    if (q.resource().contains("gigabytes")) {
      return ApiException.overLimit("Requested volume or snapshot exceeds allowed " + q.resource()
          + " quota. Requested " + requestedGb + "G, quota is " + q.limit() + "G and " + q.consumed()
          + "G has been consumed.", 0);
    }
    return ApiException.overLimit("Maximum number of volumes allowed (" + q.limit() + ") exceeded for quota '"
        + q.resource() + "'.", 0);
  }
}
