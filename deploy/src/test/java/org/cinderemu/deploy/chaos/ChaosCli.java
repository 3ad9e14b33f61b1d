package org.cinderemu.deploy.chaos;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cinderemu.deploy.CinderEmu;
import picocli.CommandLine;

/** Runs {@code cinder-emu chaos ARGS --state-dir DIR} in this JVM and keeps what it printed. */
record ChaosCli(int exit, StringWriter out, StringWriter err) {

  static ChaosCli run(Path stateDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CinderEmu.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "chaos";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--state-dir";
    all[args.length + 2] = stateDir.toString();
    return new ChaosCli(cl.execute(all), out, err);
  }
}
