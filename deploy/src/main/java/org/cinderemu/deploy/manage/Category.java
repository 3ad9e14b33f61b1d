package org.cinderemu.deploy.manage;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A cinder-manage category ({@code db}, {@code service}, ...) whose actions are its {@code @Command} methods;
 * run without an action it is a usage error (2), as in cinder-manage.
 */
abstract class Category implements Runnable {

  @ParentCommand
  ManageCommand manage;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing action: " + String.join(", ", spec.subcommands().keySet()));
  }
}
