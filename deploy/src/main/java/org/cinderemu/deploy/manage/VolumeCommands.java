package org.cinderemu.deploy.manage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cinder-manage volume update_host} (docs/cinder-reference.md §9.1). */
@Command(name = "volume", description = "Methods for dealing with a cloud in an odd state.")
final class VolumeCommands extends Category {

  /**
   * Every live volume on {@code currenthost} or one of its pools gets {@code newhost} verbatim; as in Cinder,
   * newhost is not checked (give {@code host@backend#pool} to keep pool-aware capacity) and nothing is printed.
   */
  @Command(name = "update_host", description = "Modify the host name associated with a volume.")
  int updateHost(
      @Option(names = "--currenthost", required = true, paramLabel = "CURRENTHOST",
          description = "Existing volume host name in the format host@backend#pool") String currentHost,
      @Option(names = "--newhost", required = true, paramLabel = "NEWHOST",
          description = "New volume host name in the format host@backend#pool") String newHost) throws Exception {
    return manage.execute(out -> {
      manage.withDatabase(manage.conf(), db -> db.volumes().updateHost(currentHost, newHost));
      return 0;
    });
  }
}
