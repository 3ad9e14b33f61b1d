package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.common.objects.Volume;

/**
 * The caller side of volume operations (cinder/volume/api.py), one entry point for the handlers. Each
 * operation lives in a class of its own (create, delete, extend, migrate; reads and the database-only
 * updates): validation, state checks, quota and the database write happen there, then exactly one RPC goes
 * out through the typed stubs. A refused request leaves no row and no quota behind.
 */
public final class VolumeApi {

  /** The {@code workers} rows' resource type (Cinder's cleanable bookkeeping). */
  static final String WORKER_TYPE = "Volume";

  private final VolumeReads reads;
  private final VolumeUpdates updates;
  private final AvailabilityZones zones;
  private final CreateVolume creates;
  private final DeleteVolume deletes;
  private final ExtendVolume extensions;
  private final MigrateVolume migrations;

  public VolumeApi(ApiEnvironment env, TypeApi types) {
    this.reads = new VolumeReads(env.db());
    this.updates = new VolumeUpdates(env.db(), reads);
    this.zones = new AvailabilityZones(env);
    this.creates = new CreateVolume(env, types, zones);
    this.deletes = new DeleteVolume(env, reads);
    this.extensions = new ExtendVolume(env, reads);
    this.migrations = new MigrateVolume(env, reads);
  }

  /** {@code POST /volumes}: the new volume, {@code creating}, handed to the scheduler. */
  public Future<Volume> create(ApiContext ctx, VolumeCreateRequest req) {
    return creates.create(ctx, req);
  }

  /** The zones of the volume services and whether each is available ({@code os-availability-zone}). */
  public Future<Map<String, Boolean>> listAvailabilityZones() {
    return zones.list();
  }

  /** Any live volume by id, or 404. */
  public Future<Volume> get(ApiContext ctx, String id) {
    return reads.get(ctx, id);
  }

  public Future<List<Volume>> list(ApiContext ctx, VolumeListRequest req) {
    return reads.list(ctx, req);
  }

  public Future<Integer> count(ApiContext ctx, VolumeListRequest req) {
    return reads.count(ctx, req);
  }

  /** {@code PUT /volumes/{id}}: name, description and, when not null, exactly this user metadata. */
  public Future<Volume> update(ApiContext ctx, String id, Map<String, Object> columns, Map<String, String> metadata) {
    return updates.update(ctx, id, columns, metadata);
  }

  /** {@code DELETE /volumes/{id}} ({@code force}: {@code os-force_delete}). */
  public Future<Void> delete(ApiContext ctx, String id, boolean cascade, boolean force) {
    return deletes.delete(ctx, id, cascade, force);
  }

  public Future<Void> resetStatus(ApiContext ctx, String id, String status, String attachStatus,
      String migrationStatus) {
    return updates.resetStatus(ctx, id, status, attachStatus, migrationStatus);
  }

  /** {@code os-extend} ({@code allowAttached}: 3.42's extend of an in-use volume). */
  public Future<Void> extend(ApiContext ctx, String id, int newSize, boolean allowAttached) {
    return extensions.extend(ctx, id, newSize, allowAttached);
  }

  public Future<Void> migrate(ApiContext ctx, String id, String host, String cluster, boolean forceHostCopy,
      boolean lockVolume) {
    return migrations.migrate(ctx, id, host, cluster, forceHostCopy, lockVolume);
  }

  /** A filter on a column volumes do not have: Cinder answers an empty list. */
  public static final class UnknownFilter extends RuntimeException {
    UnknownFilter() {
      super("unknown filter key", null, false, false);
    }
  }
}
