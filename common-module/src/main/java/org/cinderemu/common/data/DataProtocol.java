package org.cinderemu.common.data;

import java.util.regex.Pattern;

/**
 * The small HTTP protocol through which a volume service lends a volume's bytes to another process (the backup
 * service, possibly on another machine): {@code GET|PUT|HEAD <url>} with the attachment's token in a header.
 * Server ({@code org.cinderemu.volume.data.VolumeDataServer}) and {@link VolumeDataClient} share these constants.
 */
public final class DataProtocol {

  /** {@code driver_volume_type} of our connection info; real Cinder would say "iscsi", "local", ... */
  public static final String DRIVER_VOLUME_TYPE = "emulator_http";

  /** Request header carrying the per-attachment token handed out by {@code initialize_connection}. */
  public static final String TOKEN_HEADER = "X-Cinder-Emu-Data-Token";

  /** Response header of {@code HEAD} (and {@code GET}) with the volume's size in bytes. */
  public static final String SIZE_HEADER = "X-Cinder-Emu-Volume-Size";

  /** Path prefix of a volume's resource: {@code /volumes/<volume id>}. */
  public static final String PATH_PREFIX = "/volumes/";

  public static final String OFFSET_PARAM = "offset";
  public static final String LENGTH_PARAM = "length";

  /** Largest range one request may move; the client splits bigger reads and writes (keeps server memory bounded). */
  public static final int MAX_TRANSFER_BYTES = 16 * 1024 * 1024;

  // UUIDs and other plain names only: the id becomes a file name and a URL segment without escaping
  private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private DataProtocol() {
  }

  /** True when {@code volumeId} is safe as a path segment and a file name (no separators, no "..", no escapes). */
  public static boolean isValidVolumeId(String volumeId) {
    return volumeId != null && VOLUME_ID.matcher(volumeId).matches() && !volumeId.contains("..");
  }

  /** Throws {@link IllegalArgumentException} for an id {@link #isValidVolumeId} refuses. */
  public static String requireValidVolumeId(String volumeId) {
    if (!isValidVolumeId(volumeId)) {
      throw new IllegalArgumentException("invalid volume id for the data path: '" + volumeId + "'");
    }
    return volumeId;
  }
}
