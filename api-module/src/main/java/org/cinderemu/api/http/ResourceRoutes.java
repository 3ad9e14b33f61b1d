package org.cinderemu.api.http;

/**
 * One API resource's routes (volumes, types, backups, os-services, ...), one implementation per file, handed to
 * {@link ApiRouterBuilder#resource(ResourceRoutes)}.
 */
@FunctionalInterface
public interface ResourceRoutes {

  void register(ApiRoutes routes);
}
