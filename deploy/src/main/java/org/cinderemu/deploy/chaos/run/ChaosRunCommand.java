package org.cinderemu.deploy.chaos.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.ProgressPrinter;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinder-emu chaos run FILE}: runs one experiment file against the stack of {@code --state-dir}, or, when
 * none runs there, against a stack it starts with {@code up} in the requested mode and stops at the end. Writes the
 * journal and the reports to {@code --out}; exits 0 when the verdict is passed, 3 when failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an experiment file (JSON or YAML) and write its journal and report (docs/chaos.md "
        + "\"Experiments\").")
public final class ChaosRunCommand implements Callable<Integer> {

  /** The exit code of a run whose verdict is failed (1 is a run that could not be carried out). */
  public static final int FAILED = 3;
  static final String MODE_OPTION_SECTION = "oslo_messaging_rabbit";
  static final String MODE_OPTION = "emulator_delivery_mode";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the experiment file (.json, .yaml or .yml)")
  Path file;

  @Option(names = "--mode", paramLabel = "oslo|reliable",
      description = "delivery mode; a running stack must be in it (default: the running stack's, else oslo)")
  String mode;

  @Option(names = "--short", description = "the experiment's short form (fewer requests, shorter pauses)")
  boolean shortForm;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where to write journal.json, report.md and report.html (default: chaos-runs/<time>)")
  Path out;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".state",
      description = "the stack's state directory (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Option(names = "--keep-stack", description = "leave a stack this run started running at the end")
  boolean keepStack;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Experiment experiment;
    try {
      experiment = ExperimentFile.read(file);
    } catch (ExperimentFile.InvalidExperiment e) {
      throw new LaunchException(e.getMessage());
    }
    if (shortForm) {
      experiment = experiment.shortened();
    }
    if (mode != null && !ExperimentFile.MODES.contains(mode)) {
      throw new LaunchException("--mode must be one of " + ExperimentFile.MODES + ": " + mode);
    }
    StateDir state = new StateDir(stateDir);
    boolean started = false;
    if (!Files.isReadable(state.conf()) || RunStackCheck.noServices(state)) {
      startStack(state, experiment, stdout);
      started = true;
    }
    try {
      RunStack stack = RunStack.of(state);
      String stackMode = stack.conf().get(MODE_OPTION_SECTION, MODE_OPTION, "oslo");
      if (mode != null && !mode.equals(stackMode)) {
        throw new LaunchException("the stack in " + state + " runs in " + stackMode + " mode, not " + mode
            + ": stop it (`cinder-emu down`) to let the run start one in " + mode + " mode");
      }
      ProgressPrinter printer = new ProgressPrinter(stdout, ProgressPrinter.unicodeTerminal());
      printer.line("experiment: " + experiment.title() + " (" + stackMode + " mode" + (shortForm ? ", short form"
          : "") + ") against " + state);
      Journal journal = new ExperimentRunner(stack, experiment, stackMode, shortForm, printer).run();
      Path dir = out != null ? out : Path.of("chaos-runs", LocalDateTime.now()
          .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      Reports.write(journal, dir);
      printer.line("journal " + dir.resolve(Reports.JOURNAL) + ", report " + dir.resolve(Reports.MARKDOWN) + " and "
          + dir.resolve(Reports.HTML));
      return journal.verdict().passed() ? 0 : FAILED;
    } finally {
      if (started && !keepStack) {
        CinderEmu.commandLine().setOut(stdout).execute("down", "--state-dir", state.root().toString());
      }
    }
  }

  /** {@code up --detach} with the experiment's arguments and options over the seed lab, in the requested mode. */
  private void startStack(StateDir state, Experiment experiment, PrintWriter stdout) throws IOException {
    state.create();
    Path confFile = state.root().resolve("experiment.conf");
    Files.writeString(confFile, stackConf(experiment).toIni());
    List<String> args = new ArrayList<>(List.of("up", "--detach", "--state-dir", state.root().toString(),
        "--config", confFile.toString()));
    if (mode != null && !mode.equals("oslo")) {
      args.addAll(List.of("--delivery-mode", mode));
    }
    args.addAll(experiment.stack().upArgs());
    stdout.println("no stack runs in " + state + ": cinder-emu " + String.join(" ", args));
    stdout.flush();
    int rc = CinderEmu.commandLine().setOut(stdout).execute(args.toArray(String[]::new));
    if (rc != 0) {
      throw new LaunchException("`cinder-emu " + String.join(" ", args) + "` failed (exit " + rc + ")");
    }
  }

  /** The seed lab with the experiment's cinder.conf options over it: the config `up` gets for its stack. */
  public static CinderConf stackConf(Experiment experiment) {
    CinderConf conf = StackConfig.loadBase(Optional.empty());
    for (Map.Entry<String, Map<String, String>> section : experiment.stack().conf().entrySet()) {
      for (Map.Entry<String, String> kv : section.getValue().entrySet()) {
        conf = conf.with(section.getKey(), kv.getKey(), kv.getValue());
      }
    }
    return conf;
  }

  /** Whether a state directory has no live service. */
  static final class RunStackCheck {
    private RunStackCheck() {
    }

    static boolean noServices(StateDir state) {
      return org.cinderemu.deploy.RecordedStack.of(state).running().keySet().stream()
          .noneMatch(n -> n.startsWith("cinder-api"));
    }
  }
}
