package org.cinderemu.deploy.manage;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A cinder-manage category ({@code db}, {@code service}, ...): run without an action it is a usage error (2). */
abstract class Category implements Runnable {

  abstract CommandSpec spec();

  @Override
  public void run() {
    throw new ParameterException(spec().commandLine(), "missing action: "
        + String.join(", ", spec().subcommands().keySet()));
  }
}
