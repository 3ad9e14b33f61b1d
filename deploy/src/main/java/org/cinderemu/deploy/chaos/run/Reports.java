package org.cinderemu.deploy.chaos.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's files: {@code journal.json}, {@code report.md}, {@code report.html} (the chart inline). */
public final class Reports {

  public static final String JOURNAL = "journal.json";
  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";

  private Reports() {
  }

  public static void write(Journal journal, Path dir) throws IOException {
    Files.createDirectories(dir);
    journal.write(dir.resolve(JOURNAL));
    List<ReportContent.Block> blocks = ReportContent.of(journal);
    Files.writeString(dir.resolve(MARKDOWN), markdown(blocks));
    Files.writeString(dir.resolve(HTML), html(journal.title(), blocks));
  }

  static String markdown(List<ReportContent.Block> blocks) {
    StringBuilder b = new StringBuilder();
    boolean first = true;
    for (ReportContent.Block block : blocks) {
      if (block instanceof ReportContent.Heading h) {
        b.append(first ? "# " : "\n## ").append(h.text()).append("\n\n");
      } else if (block instanceof ReportContent.Para p) {
        b.append(p.text()).append("\n\n");
      } else if (block instanceof ReportContent.Chart) {
        b.append("(chart: see report.html)\n\n");
      } else if (block instanceof ReportContent.Table t) {
        b.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
          t.header().forEach(x -> b.append("---|"));
          b.append('\n');
          t.rows().forEach(r -> b.append("| ").append(String.join(" | ", r.stream().map(Reports::cell).toList()))
              .append(" |\n"));
        b.append('\n');
      }
      first = false;
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  static String html(String title, List<ReportContent.Block> blocks) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(StateChart.esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:"
            + "1200px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
            + "font-size:13px;text-align:left}th{background:#eee}</style></head><body>\n");
    boolean first = true;
    for (ReportContent.Block block : blocks) {
      if (block instanceof ReportContent.Heading h) {
        b.append(first ? "<h1>" : "<h2>").append(StateChart.esc(h.text())).append(first ? "</h1>\n" : "</h2>\n");
      } else if (block instanceof ReportContent.Para p) {
        b.append("<p>").append(StateChart.esc(p.text()).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>"))
            .append("</p>\n");
      } else if (block instanceof ReportContent.Chart c) {
        b.append("<figure>").append(c.svg()).append("</figure>\n");
      } else if (block instanceof ReportContent.Table t) {
          b.append("<table><tr>");
          t.header().forEach(x -> b.append("<th>").append(StateChart.esc(x)).append("</th>"));
          b.append("</tr>\n");
          t.rows().forEach(r -> {
            b.append("<tr>");
            r.forEach(x -> b.append("<td>").append(StateChart.esc(x)).append("</td>"));
            b.append("</tr>\n");
          });
          b.append("</table>\n");
      }
      first = false;
    }
    return b.append("</body></html>\n").toString();
  }
}
