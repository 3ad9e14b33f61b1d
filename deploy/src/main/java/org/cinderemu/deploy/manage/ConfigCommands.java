package org.cinderemu.deploy.manage;

import org.cinderemu.common.config.CinderConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cinder-manage config list [param]}: {@code name = value} per option. Cinder lists every registered
 * option with its default; the emulator knows only the file's, so it lists the {@code [DEFAULT]} options set.
 */
@Command(name = "config", description = "Class for exposing the flags defined by flag_file(s).")
final class ConfigCommands extends Category {

  /** How oslo.config's CONF.get prints a group, less the object's address. */
  static final String GROUP = "<oslo_config.cfg.ConfigOpts.GroupAttr object>";

  @Command(name = "list", description = "List parameters configured for cinder.")
  int list(@Parameters(index = "0", arity = "0..1", paramLabel = "param",
      description = "Configuration parameter to display (default: None)") String param) throws Exception {
    return manage.execute(out -> {
      CinderConf conf = manage.conf();
      String name = param == null ? "" : param.strip();
      if (name.isEmpty()) {
        conf.section(CinderConf.DEFAULT).forEach((k, v) -> out.println(k + " = " + v));
        return 0;
      }
      if (conf.get(CinderConf.DEFAULT, name).isPresent()) {
        out.println(name + " = " + conf.get(CinderConf.DEFAULT, name).get());
      } else if (conf.hasSection(name)) {
        out.println(name + " = " + GROUP);
      } else {
        // Cinder dies here with oslo's NoSuchOptError traceback, whose last line this is
        throw new ManageError(1, "oslo_config.cfg.NoSuchOptError: no such option " + name + " in group [DEFAULT]");
      }
      return 0;
    });
  }
}
