package org.cinderemu.deploy.trace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.TraceRepository;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StackLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu trace ID}: every RPC hop of a request ({@code req-…}) or of every request that touched a volume or
 * backup, read from the hops the services recorded in the stack's database (docs/tracing.md). A short-lived CLI
 * process: it blocks on the repository's futures from its main thread, never from an event loop.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Print every RPC hop of a request, or of every request that touched a volume or backup: "
        + "who sent what to which exchange, routing key and queue, when it was published, consumed and finished, "
        + "and the status transitions it caused.")
public final class TraceCommand implements Callable<Integer> {

  private static final long TIMEOUT_SECONDS = 60;
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
      + "[0-9a-fA-F]{12}");

  /** The output formats. */
  public enum Format { text, mermaid, json }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "a volume id, a backup id or a request id (req-…)")
  String id;

  @Mixin
  StackLocation stack;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), mermaid (a sequence diagram) or json (the raw hops)")
  Format format;

  @Override
  public Integer call() throws Exception {
    if (!id.startsWith("req-") && !UUID.matcher(id).matches()) {
      throw new LaunchException("ID must be a volume or backup id (a uuid) or a request id (req-…), got '" + id + "'");
    }
    CinderConf conf = stack.conf();
    Trace trace = withDatabase(stack.databaseUrl(conf), db -> read(new TraceRepository(db)));
    if (trace.steps().isEmpty() && trace.changes().isEmpty()) {
      throw new LaunchException("nothing recorded for " + id + " (a wrong id, hops older than "
          + "emulator_trace_retention_hours, or emulator_trace_enabled = false)");
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case text -> TextFormat.print(trace, out);
      case mermaid -> MermaidFormat.print(trace, out);
      case json -> JsonFormat.print(trace, out);
    }
    out.flush();
    return 0;
  }

  private Future<Trace> read(TraceRepository traces) {
    Future<Set<String>> requests = id.startsWith("req-") ? Future.succeededFuture(Set.of(id))
        : traces.requestsTouching(id);
    return requests.compose(ids -> traces.hopsOf(ids)
        .compose(hops -> traces.statusChangesOf(ids).map(changes -> TraceAssembler.assemble(id, hops, changes))));
  }

  private static <T> T withDatabase(DatabaseUrl url, Function<Database, Future<T>> work)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.open(vertx, url).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      try {
        return work.apply(db).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } finally {
        db.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
