package org.cinderemu.common.rpc;

/** One client invocation as oslo.messaging's metrics see it: the prepared target, the method and cast or call. */
public record RpcInvocation(Target target, String method, CallType callType) {

  /** oslo's {@code call_type} label values. */
  public enum CallType {
    CAST("cast"), CALL("call");

    private final String label;

    CallType(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
