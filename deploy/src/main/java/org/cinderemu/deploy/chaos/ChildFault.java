package org.cinderemu.deploy.chaos;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import org.cinderemu.deploy.StateDirOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** The stack and the one child a fault verb (driver, db) acts on, and the call to that child's /chaos/ route. */
final class ChildFault {

  @Mixin
  StateDirOption stateDir;

  @Parameters(index = "0", paramLabel = "CHILD", description = "a child as `status` names it")
  String child;

  /** Sends the request to CHILD's admin endpoint and prints its answer, one line prefixed with the child. */
  void call(CommandSpec spec, String method, String path, JsonObject body) {
    AdminEndpoint endpoint = AdminEndpoints.of(stateDir.state()).of(child);
    Object answer = endpoint.expectOk(method, path, body).json();
    PrintWriter out = spec.commandLine().getOut();
    out.println(child + ": " + (answer instanceof JsonObject o ? o.encode() : String.valueOf(answer)));
    out.flush();
  }
}
