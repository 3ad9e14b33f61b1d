package org.cinderemu.deploy.manage;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cinder-manage service list / remove} (docs/cinder-reference.md §9.1). */
@Command(name = "service", description = "Methods for managing services.")
final class ServiceCommands extends Category {

  /**
   * The code Cinder's {@code remove} returns for a missing service (docs/cinder-reference.md §9.1). Zed's {@code main()} drops it, so
   * real cinder-manage exits 0 there; the emulator exits with it, as the reference documents.
   */
  static final int NOT_FOUND = 2;

  @Command(name = "list", description = "Show a list of all cinder services.")
  int list() throws Exception {
    return manage.execute(out -> {
      CinderConf conf = manage.conf();
      Duration downTime = Duration.ofSeconds(
          conf.get(ServiceOptions.SERVICE_DOWN_TIME));
      List<Service> services = manage.withDatabase(conf, db -> db.services().list());
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      ServiceListing.lines(services, now, downTime).forEach(out::println);
      return 0;
    });
  }

  @Command(name = "remove", description = "Completely removes a service.")
  int remove(
      @Parameters(index = "0", paramLabel = "binary", description = "Service to delete from the host.") String binary,
      @Parameters(index = "1", paramLabel = "host_name", description = "Host from which to remove the service.")
      String host) throws Exception {
    return manage.execute(out -> {
      boolean removed = manage.withDatabase(manage.conf(), db -> removeFirst(db, binary, host));
      if (!removed) {
        throw new ManageError(NOT_FOUND, ServiceListing.notFound(binary, host));
      }
      out.println("Service " + binary + " on host " + host + " removed.");
      return 0;
    });
  }

  // Service.get_by_args: the first live row of the binary whose host matches at Cinder's host levels (docs/cinder-reference.md §1.4)
  private static Future<Boolean> removeFirst(Database db, String binary, String host) {
    return db.services().list(host.isEmpty() ? null : host, binary)
        .map(found -> found.stream().findFirst().map(Service::id))
        .compose(id -> id.isPresent() ? db.services().softDelete(id.get()) : Future.succeededFuture(false));
  }
}
