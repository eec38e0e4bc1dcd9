package vn.ehealth.nhr.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown tables of Gatling HTML reports (their {@code js/stats.js}), for docs/BENCHMARKS.md:
 * per request and overall, count, throughput, mean and the percentiles of the report (p50, p75,
 * p95, p99 with Gatling's default settings); with two or more reports, the ratio of each other report's
 * p95 and throughput to those of the base report (e.g. rules on / rules off): system property
 * {@code base} names its label (default: the last). Arguments: {@code label=reportFolder} ...
 */
public final class GatlingReportTable {

    private static final Pattern BLOCK = Pattern.compile("\"name\": \"([^\"]*)\",\\s*\"numberOfRequests\": \\{\\s*\"total\": \"(\\d+)\"");

    private static final Pattern FAILED = Pattern.compile("\"numberOfRequests\": \\{[^}]*\"ko\": \"(\\d+)\"");

    /** The figures of one request name (or "All Requests"). */
    public record Row(String name, long count, long failed, double rps, double mean, double p50, double p75, double p95, double p99) {
    }

    private GatlingReportTable() {
    }

    public static Map<String, Row> read(Path report) throws IOException {
        String js = Files.readString(report.resolve("js/stats.js"), StandardCharsets.UTF_8);
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(js);
        List<int[]> spans = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), 0});
            heads.add(new String[] {m.group(1), m.group(2)});
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : js.length();
            String block = js.substring(spans.get(i)[0], end);
            Matcher ko = FAILED.matcher(block);
            rows.putIfAbsent(heads.get(i)[0], new Row(heads.get(i)[0], Long.parseLong(heads.get(i)[1]),
                    ko.find() ? Long.parseLong(ko.group(1)) : 0, value(block, "meanNumberOfRequestsPerSecond"), value(block, "meanResponseTime"),
                    value(block, "percentiles1"), value(block, "percentiles2"), value(block, "percentiles3"),
                    value(block, "percentiles4")));
        }
        return rows;
    }

    private static double value(String block, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\{\\s*\"total\": \"([^\"]+)\"").matcher(block);
        return m.find() && !m.group(1).equals("-") ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, Row>> reports = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            reports.put(arg.substring(0, eq), read(Path.of(arg.substring(eq + 1))));
        }
        for (Map.Entry<String, Map<String, Row>> report : reports.entrySet()) {
            System.out.println("\n" + report.getKey() + "\n");
            System.out.println("| request | count | req/s | mean | p50 | p75 | p95 | p99 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (Row r : report.getValue().values()) {
                System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                        r.name().equals("All Requests") ? "**all**" : "`" + r.name() + "`", r.count(), r.rps(), r.mean(),
                        r.p50(), r.p75(), r.p95(), r.p99());
            }
        }
        if (reports.size() < 2) {
            return;
        }
        String baseLabel = System.getProperty("base", new ArrayList<>(reports.keySet()).get(reports.size() - 1));
        Map<String, Row> base = reports.get(baseLabel);
        if (base == null) {
            throw new IllegalArgumentException("no report labelled " + baseLabel);
        }
        List<String> labels = new ArrayList<>(reports.keySet());
        labels.remove(baseLabel);
        System.out.println("\np95 and throughput relative to " + baseLabel + "\n");
        StringBuilder head = new StringBuilder("| request |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String label : labels) {
            head.append(" p95 ").append(label).append(" | req/s ").append(label).append(" |");
            rule.append("---|---|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (Row b : base.values()) {
            StringBuilder line = new StringBuilder("| " + (b.name().equals("All Requests") ? "**all**" : "`" + b.name() + "`") + " |");
            for (String label : labels) {
                Row r = reports.get(label).get(b.name());
                line.append(r == null ? " – | – |" : String.format(Locale.ROOT, " %.2f× | %.2f× |", r.p95() / b.p95(), r.rps() / b.rps()));
            }
            System.out.println(line);
        }
    }
}
