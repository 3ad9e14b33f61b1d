package org.cinderemu.deploy.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of an admin endpoint's {@code /metrics}, read back as samples (the text format's name, labels, value). */
record PromText(String text, List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {
  }

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  static PromText scrape(String baseUrl) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + baseUrl + "/metrics: " + r.statusCode());
    }
    return parse(r.body());
  }

  static PromText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return new PromText(text, samples);
  }

  /** The samples of {@code name} whose labels include every pair of {@code match} (name, value, name, value...). */
  List<Sample> find(String name, String... match) {
    return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
      for (int i = 0; i < match.length; i += 2) {
        if (!match[i + 1].equals(s.labels().get(match[i]))) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  /** The sum of the matching samples' values (0 when none). */
  double sum(String name, String... match) {
    return find(name, match).stream().mapToDouble(Sample::value).sum();
  }
}
