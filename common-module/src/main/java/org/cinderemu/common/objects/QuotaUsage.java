package org.cinderemu.common.objects;

/**
 * One resource's quota for a project: the limit ({@code hard_limit} of {@code quotas}, -1 = unlimited)
 * with {@code in_use} and {@code reserved} from {@code quota_usages}.
 */
public record QuotaUsage(String projectId, String resource, int limit, int inUse, int reserved) {

  public static final String VOLUMES = "volumes";
  public static final String GIGABYTES = "gigabytes";
  public static final String BACKUPS = "backups";
  public static final String BACKUP_GIGABYTES = "backup_gigabytes";

  public boolean unlimited() {
    return limit < 0;
  }
}
