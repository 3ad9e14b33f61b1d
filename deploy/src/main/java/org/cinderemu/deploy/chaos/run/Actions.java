package org.cinderemu.deploy.chaos.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.chaos.BrokerControl;
import org.cinderemu.deploy.chaos.ChaosException;
import org.cinderemu.deploy.chaos.RabbitmqCtl;

/**
 * Carries out one action's verb against the stack: process faults by signal, the fault controls of each child's
 * admin endpoint (docs/chaos.md, the HTTP contract), broker queues over AMQP, cinder-manage's update_host, and the
 * API's failover calls. Returns what was done, in words, for the journal; {@link ActionFailed} when it could not be.
 */
final class Actions {

  private static final Pattern FANOUT_LINE = Pattern.compile("RPC server listening on \\S+, \\S+, (\\S+_fanout_\\w+)");
  static final String EMBEDDED_BROKER = "cinder-broker";

  private final RunStack stack;
  private final ProcessFaults processes;
  private final AdminEndpoints admin;
  private final CinderApi api;
  private final LoadRunner load;
  private final CounterIncreases counters;

  Actions(RunStack stack, ProcessFaults processes, AdminEndpoints admin, CinderApi api, LoadRunner load,
      CounterIncreases counters) {
    this.stack = stack;
    this.processes = processes;
    this.admin = admin;
    this.api = api;
    this.load = load;
    this.counters = counters;
  }

  String run(Activity a) throws Exception {
    Verb verb = Verb.parse(a.verb()).orElseThrow(() -> new ActionFailed("unknown verb " + a.verb()));
    String target = a.target();
    return switch (verb) {
      case KILL -> processes.kill(required(target, a));
      case TERMINATE -> processes.terminate(required(target, a));
      case FREEZE -> processes.freeze(required(target, a), Long.parseLong(a.arg("seconds", "30")));
      case THAW -> processes.thaw(required(target, a));
      case RESTART -> {
        counters.restarted(required(target, a));
        yield processes.restart(target);
      }
      case RULES_ADD -> onAdmin(target, "POST", "/chaos/rules", a.args().getOrDefault("rule", a.args()));
      case RULES_CLEAR -> onAdmin(target, "DELETE", "/chaos/rules", null);
      case CONNECTION_CLOSE -> onAdmin(target, "POST", "/chaos/connection/close", a.args());
      case DRIVER_FAULT -> onAdmin(target, "PUT", "/chaos/driver/" + a.arg("backend", ""), a.args());
      case DRIVER_CLEAR -> onAdmin(target, "DELETE", "/chaos/driver", null);
      case DB_STALL -> onAdmin(target, "POST", "/chaos/db/stall", a.args());
      case DB_DISCONNECT -> onAdmin(target, "POST", "/chaos/db/disconnect", a.args());
      case BROKER_STOP -> brokerStop(a);
      case BROKER_START -> brokerStart(a);
      case PROXY_TOXIC, PROXY_CLEAR -> throw new ActionFailed(verb.fileName()
          + ": the TCP proxy's controls are not in this build (docs/chaos.md: `cinder-emu chaos proxy`)");
      case QUEUE_DELETE -> BrokerQueues.delete(stack.broker(), queueName(a));
      case UPDATE_HOST -> updateHost(a);
      case WORKERS_CLEANUP -> apiCall("POST", "/workers/cleanup", a.args(), List.of(202));
      case SERVICE_FREEZE -> apiCall("PUT", "/os-services/freeze", Map.of("host", required(target, a)), List.of(200));
      case SERVICE_THAW -> apiCall("PUT", "/os-services/thaw", Map.of("host", required(target, a)), List.of(200));
      case DELETE_VOLUMES -> load.deleteVolumes(a.arg("host", null));
    };
  }

  private static String required(String target, Activity a) {
    if (target == null || target.isBlank()) {
      throw new ActionFailed("action \"" + a.label() + "\" needs a target (a child name of `cinder-emu status`)");
    }
    return target;
  }

  /** The request on the admin endpoint of every child {@code target} names ({@code *}: every live child). */
  private String onAdmin(String target, String method, String path, Object body) {
    List<Map.Entry<String, String>> targets = admin.targets(target);
    if (targets.isEmpty()) {
      throw new ActionFailed("no live child with an admin endpoint matches " + target);
    }
    List<String> done = new ArrayList<>();
    for (Map.Entry<String, String> t : targets) {
      Http.Answer r = admin.send(t.getValue(), method, path, body);
      if (!r.ok()) {
        throw new ActionFailed(method + " " + path + " on " + t.getKey() + ": " + r.describe()
            + (r.body() == null ? "" : " " + r.body()));
      }
      done.add(t.getKey());
    }
    return method + " " + path + " on " + String.join(", ", done);
  }

  private String apiCall(String method, String path, Object body, List<Integer> expected) {
    Http.Answer r = api.call(method, path, body);
    if (!expected.contains(r.status())) {
      throw new ActionFailed(method + " " + path + ": " + r.describe() + (r.body() == null ? "" : " " + r.body()));
    }
    return method + " " + path + ": HTTP " + r.status();
  }

  /** The embedded broker is a child of the stack (stopped by signal); a local RabbitMQ only when the file allows. */
  private String brokerStop(Activity a) throws Exception {
    if (stack.running().containsKey(EMBEDDED_BROKER)) {
      return processes.terminate(EMBEDDED_BROKER);
    }
    return localRabbitmq(a, true);
  }

  private String brokerStart(Activity a) throws Exception {
    if (stack.state().pidFile(EMBEDDED_BROKER).exists()) {
      return processes.restart(EMBEDDED_BROKER);
    }
    return localRabbitmq(a, false);
  }

  /** rabbitmqctl stop_app / start_app through BrokerControl, on {@code args.rabbitmq_node} if given. */
  private String localRabbitmq(Activity a, boolean stop) {
    if (!Boolean.parseBoolean(a.arg("local_rabbitmq", "false"))) {
      throw new ActionFailed("broker_" + (stop ? "stop" : "start") + " on an external RabbitMQ stops every "
          + "stack on it: set args.local_rabbitmq: true to allow it (args.rabbitmq_node: a node of its own), or run "
          + "on the embedded broker (up --broker embedded)");
    }
    String node = a.arg("rabbitmq_node", null);
    RabbitmqCtl ctl = node == null ? RabbitmqCtl.DEFAULT : RabbitmqCtl.DEFAULT.onNode(node);
    try {
      BrokerControl broker = BrokerControl.forStack(stack.state(), ctl);
      return stop ? broker.stop() : broker.start();
    } catch (ChaosException e) {
      throw new ActionFailed(e.getMessage());
    }
  }

  /** {@code args.queue}, or the fanout queue {@code args.fanout_of} (a child) declared, from that child's log. */
  private String queueName(Activity a) throws IOException {
    String queue = a.arg("queue", null);
    if (queue != null) {
      return queue;
    }
    String child = a.arg("fanout_of", a.target());
    if (child == null) {
      throw new ActionFailed("queue_delete needs args.queue or args.fanout_of (a child name)");
    }
    String found = null;
    for (String line : Files.readAllLines(stack.state().logFile(child))) {
      Matcher m = FANOUT_LINE.matcher(line);
      if (m.find()) {
        found = m.group(1);
      }
    }
    if (found == null) {
      throw new ActionFailed("no fanout queue in " + stack.state().logFile(child));
    }
    return found;
  }

  /** {@code cinder-emu manage volume update_host}, in this process, against the stack's database. */
  private String updateHost(Activity a) {
    String current = a.arg("currenthost", null);
    String next = a.arg("newhost", null);
    if (current == null || next == null) {
      throw new ActionFailed("update_host needs args.currenthost and args.newhost");
    }
    StringWriter out = new StringWriter();
    int rc = CinderEmu.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
        .execute("manage", "--state-dir", stack.state().root().toString(), "volume", "update_host",
            "--currenthost", current, "--newhost", next);
    if (rc != 0) {
      throw new ActionFailed("cinder-manage volume update_host: exit " + rc + " " + out.toString().strip());
    }
    return "volume update_host --currenthost " + current + " --newhost " + next;
  }
}
