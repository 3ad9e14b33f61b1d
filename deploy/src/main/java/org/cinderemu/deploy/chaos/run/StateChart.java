package org.cinderemu.deploy.chaos.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's chart as inline SVG: the load's requests by state over time, one polyline per state, with each
 * fault's window shaded and labelled. Pure text; no script, no external resource.
 */
final class StateChart {

  static final int WIDTH = 900;
  static final int HEIGHT = 320;
  private static final int LEFT = 50;
  private static final int RIGHT = 160;
  private static final int TOP = 20;
  private static final int BOTTOM = 40;
  private static final String[] COLOURS = {"#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  private StateChart() {
  }

  static String svg(List<Sampler.Sample> samples, List<Journal.FaultEvent> faults) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"requests by state over time\">%n", WIDTH, HEIGHT, WIDTH,
        HEIGHT));
    if (samples.isEmpty()) {
      return b.append("<text x=\"10\" y=\"20\">no samples</text></svg>\n").toString();
    }
    long t0 = samples.get(0).t();
    long t1 = Math.max(t0 + 1, samples.get(samples.size() - 1).t());
    int maxCount = Math.max(1, samples.stream().flatMap(s -> s.counts().values().stream()).mapToInt(i -> i).max()
        .orElse(1));
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.LongFunction<Double> x = t -> LEFT + plotW * (Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0);
    java.util.function.IntFunction<Double> y = c -> TOP + plotH - plotH * c / maxCount;
    for (Journal.FaultEvent f : faults) {
      if (f.windowEndMs() == null) {  // not a lasting fault, or one that failed: a mark at its start
        double at = x.apply(f.startMs());
        b.append(String.format(Locale.ROOT, "<line class=\"event\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" "
            + "stroke=\"#999\" stroke-dasharray=\"3,3\"><title>%s</title></line>%n", at, TOP, at, TOP + plotH,
            esc(f.name())));
        continue;
      }
      double from = x.apply(f.startMs());
      double to = x.apply(f.windowEndMs());
      b.append(String.format(Locale.ROOT, "<rect class=\"fault\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" "
          + "fill=\"#d62728\" fill-opacity=\"0.12\"><title>%s</title></rect>%n", from, TOP, Math.max(1, to - from),
          plotH, esc(f.name())));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#d62728\">%s</text>%n",
          from + 2, TOP - 5, esc(f.name())));
    }
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>%n",
        LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\"/>%n", LEFT,
        TOP, LEFT, TOP + plotH));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%d</text>%n",
        LEFT - 4, TOP + 4, maxCount));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">0</text>%n",
        LEFT - 4, TOP + plotH));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.1f s</text>%n", LEFT,
        HEIGHT - 20, t0 / 1000.0));
    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.1f s"
        + "</text>%n", LEFT + plotW, HEIGHT - 20, t1 / 1000.0));
    List<String> states = states(samples);
    for (int i = 0; i < states.size(); i++) {
      String state = states.get(i);
      String colour = COLOURS[i % COLOURS.length];
      List<String> points = new ArrayList<>();
      for (Sampler.Sample s : samples) {
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", x.apply(s.t()), y.apply(s.counts().getOrDefault(state,
            0))));
      }
      b.append(String.format(Locale.ROOT, "<polyline class=\"state\" data-state=\"%s\" fill=\"none\" stroke=\"%s\" "
          + "stroke-width=\"2\" points=\"%s\"/>%n", esc(state), colour, String.join(" ", points)));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n",
          LEFT + plotW + 10, TOP + 14 + 16 * i, colour, esc(state)));
    }
    return b.append("</svg>\n").toString();
  }

  static List<String> states(List<Sampler.Sample> samples) {
    Set<String> s = new TreeSet<>();
    samples.forEach(x -> s.addAll(x.counts().keySet()));
    return List.copyOf(s);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
