package org.cinderemu.deploy.it;

/** What the real clients show, with the API collection the CLI wrappers poll before the CLI confirms. */
public enum ClientResource {
  VOLUME("volumes", "show", "volume show"),
  BACKUP("backups", "backup-show", "volume backup show");

  /** The API's collection ({@code /v3/<project>/<collection>}). */
  final String collection;
  /** cinderclient's show command. */
  final String cinderShow;
  /** python-openstackclient's show command, word by word. */
  final String[] openstackShow;

  ClientResource(String collection, String cinderShow, String openstackShow) {
    this.collection = collection;
    this.cinderShow = cinderShow;
    this.openstackShow = openstackShow.split(" ");
  }
}
