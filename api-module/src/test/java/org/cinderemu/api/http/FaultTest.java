package org.cinderemu.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void namesFollowCinder() {
    assertThat(Fault.name(400)).isEqualTo("badRequest");
    assertThat(Fault.name(404)).isEqualTo("itemNotFound");
    assertThat(Fault.name(405)).isEqualTo("badMethod");
    assertThat(Fault.name(409)).isEqualTo("conflictingRequest");
    assertThat(Fault.name(413)).isEqualTo("overLimit");
    assertThat(Fault.name(406)).isEqualTo("computeFault");
    assertThat(Fault.name(500)).isEqualTo("computeFault");
  }

  @Test
  void bodies() {
    assertThat(Fault.of(ApiException.conflict("Volume Type x already exists.")).toJson()).isEqualTo(
        new JsonObject("{\"conflictingRequest\": {\"code\": 409, \"message\": \"Volume Type x already exists.\"}}"));
    assertThat(Fault.of(ApiException.overLimit("Quota exceeded")).toJson()).isEqualTo(
        new JsonObject("{\"overLimit\": {\"code\": 413, \"message\": \"Quota exceeded\"}}"));
    assertThat(Fault.of(ApiException.overLimit("slow down", 5)).toJson()).isEqualTo(
        new JsonObject("{\"overLimit\": {\"code\": 413, \"message\": \"slow down\", \"retryAfter\": \"5\"}}"));
    assertThat(Fault.of(ApiException.invalidInput("bad")).toJson().getJsonObject("badRequest")
        .getString("message")).isEqualTo("Invalid input received: bad");
  }
}
