package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a RabbitMQ restart (its non-durable queues are gone) every service reconnects by itself,
 * re-declares its queues and consumes again: a new volume still becomes available. It stops the broker every
 * IT shares, so a whole run gives it a failsafe execution of its own, after the others (deploy/pom.xml).
 */
class BrokerRestartIT {

  static Lab lab;
  static CinderHttp cinder;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab().startAll();
    cinder = new CinderHttp(apiPort()).unlimited();
  }

  static int apiPort() {
    return lab.apiVerticle().actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    lab.close();
  }

  static void rabbitmqctl(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "rabbitmqctl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("rabbitmqctl %s", String.join(" ", args)).isZero();
  }

  @Test
  void servicesComeBackAfterABrokerRestart() throws Exception {
    String before = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(before, Duration.ofSeconds(30)).getString("status")).isEqualTo("available");
    int queuesBefore = lab.broker.queues().size();

    rabbitmqctl("stop_app");
    rabbitmqctl("start_app");
    rabbitmqctl("await_startup");

    // every queue is declared again and consumed (the reply queue of the API included, once it calls)
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(lab.broker.queues()).hasSizeGreaterThanOrEqualTo(queuesBefore - 1)
          .filteredOn(q -> !q.getString("name").startsWith("reply_"))
          .allSatisfy(q -> assertThat(q.getInteger("consumers")).as(q.getString("name")).isPositive());
    });
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String after = cinder.createVolume(1, null);
      JsonObject v = cinder.awaitSettled(after, Duration.ofSeconds(30));
      assertThat(v.getString("status")).isEqualTo("available");
    });
  }
}
