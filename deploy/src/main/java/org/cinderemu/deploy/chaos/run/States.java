package org.cinderemu.deploy.chaos.run;

import java.util.Set;

/** Which statuses end a request and which are on the way (Cinder's volume and backup status values). */
final class States {

  static final Set<String> TRANSITIONAL = Set.of("creating", "deleting", "backing-up", "restoring-backup",
      "attaching", "detaching", "extending", "downloading", "uploading", "reserved", "maintenance", "retyping");
  /** Not yet in the database: the API accepted the request and the row is not visible yet. */
  static final String UNSEEN = "unseen";

  private States() {
  }

  static boolean terminal(String kind, String status) {
    if (status == null || status.equals(UNSEEN) || TRANSITIONAL.contains(status)) {
      return false;
    }
    return !kind.equals(TrackedRequest.DELETE) || status.equals("deleted") || status.startsWith("error");
  }
}
