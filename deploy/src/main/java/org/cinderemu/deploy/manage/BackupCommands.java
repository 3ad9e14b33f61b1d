package org.cinderemu.deploy.manage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cinder-manage backup update_backup_host} (docs/cinder-reference.md §9.1). */
@Command(name = "backup", description = "Methods for managing backups.")
final class BackupCommands extends Category {

  /** Every live backup whose host is exactly {@code currenthost} gets {@code newhost}; prints nothing. */
  @Command(name = "update_backup_host", description = "Modify the host name associated with a backup.")
  int updateBackupHost(
      @Option(names = "--currenthost", required = true, paramLabel = "CURRENTHOST",
          description = "Existing backup host name") String currentHost,
      @Option(names = "--newhost", required = true, paramLabel = "NEWHOST",
          description = "New backup host name") String newHost) throws Exception {
    return manage.execute(out -> {
      manage.withDatabase(manage.conf(), db -> db.backups().updateHost(currentHost, newHost));
      return 0;
    });
  }
}
