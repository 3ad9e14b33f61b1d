package org.cinderemu.common.data;

/** A volume data request the endpoint refused or could not serve; {@link #reason()} says which kind. */
public class VolumeDataException extends RuntimeException {

  /** Why the request failed; {@code httpStatus} is 0 when no HTTP answer arrived. */
  public enum Reason {
    ACCESS_DENIED, NOT_FOUND, OUT_OF_RANGE, BAD_REQUEST, SERVER_ERROR, UNREACHABLE, SHORT_READ
  }

  private final Reason reason;
  private final int httpStatus;

  public VolumeDataException(Reason reason, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.httpStatus = httpStatus;
  }

  public Reason reason() {
    return reason;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Maps a non-2xx status of the data endpoint to an exception that names the volume and the failed range. */
  static VolumeDataException forStatus(int status, String volumeId, String what, String serverMessage) {
    String detail = serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage.strip();
    return switch (status) {
      case 403 -> new VolumeDataException(Reason.ACCESS_DENIED, status, "access to the data of volume " + volumeId
          + " denied (token missing, unknown or revoked by terminate_connection) for " + what + detail, null);
      case 404 -> new VolumeDataException(Reason.NOT_FOUND, status, "volume " + volumeId
          + " has no data on its volume service (deleted?) for " + what + detail, null);
      case 416 -> new VolumeDataException(Reason.OUT_OF_RANGE, status, what + " lies outside volume " + volumeId
          + detail, null);
      case 400, 405, 413 -> new VolumeDataException(Reason.BAD_REQUEST, status, "data endpoint refused " + what
          + " on volume " + volumeId + " (HTTP " + status + ")" + detail, null);
      default -> new VolumeDataException(Reason.SERVER_ERROR, status, "data endpoint failed " + what
          + " on volume " + volumeId + " (HTTP " + status + ")" + detail, null);
    };
  }
}
