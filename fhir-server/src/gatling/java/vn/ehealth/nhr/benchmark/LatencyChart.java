package vn.ehealth.nhr.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chart of docs/BENCHMARKS.md: p95 latency of each read-mix request against the number of resources
 * stored, both axes logarithmic, one line per request and mode (layers solid, plain dashed), written as
 * SVG text (no charting library: the chart is a few dozen elements). Input: the results files of
 * {@link PopulationRunResults} (any number of runs, sizes and modes). Arguments: the SVG to write, then the
 * results files.
 */
public final class LatencyChart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 1150;
    private static final int HEIGHT = 620;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PLOT_W = 620;
    private static final int PLOT_H = 500;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
            "#31a354", "#756bb1", "#636363"};

    /** One line: a request in a mode, its p95 (ms) by number of resources. */
    record Series(String request, String mode, TreeMap<Long, Double> points) {
    }

    private LatencyChart() {
    }

    public static void main(String[] args) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            runs.add(JSON.readTree(Path.of(args[i]).toFile()));
        }
        Files.writeString(Path.of(args[0]), svg(series(runs)), StandardCharsets.UTF_8);
        System.out.println("chart written to " + args[0] + " from " + runs.size() + " runs");
    }

    static List<Series> series(List<JsonNode> runs) {
        Map<String, Series> byKey = new TreeMap<>();
        for (JsonNode run : runs) {
            String mode = run.path("mode").asText("?");
            long resources = run.path("resources").asLong();
            for (JsonNode r : run.path("requests")) {
                String name = r.path("name").asText();
                if (name.equals("All Requests") || !r.path("p95").isNumber()) {
                    continue;
                }
                byKey.computeIfAbsent(name + "\u0000" + mode, k -> new Series(name, mode, new TreeMap<>()))
                        .points().put(resources, r.path("p95").asDouble());
            }
        }
        return new ArrayList<>(byKey.values());
    }

    static String svg(List<Series> series) {
        double[] x = range(series.stream().flatMap(s -> s.points().keySet().stream()).mapToDouble(Long::doubleValue).toArray());
        double[] y = range(series.stream().flatMap(s -> s.points().values().stream()).mapToDouble(Double::doubleValue)
                .map(v -> Math.max(v, 1)).toArray());
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">p95 latency of the read mix vs. "
                + "resources in the population (log-log; solid, large dots: layers on; dashed, small dots: plain)</text>%n", LEFT));
        axes(svg, x, y);
        List<String> requests = series.stream().map(Series::request).distinct().toList();
        for (int i = 0; i < requests.size(); i++) { // one legend line per request: its colour; the mode is the dash
            int ly = TOP + 10 + i * 16;
            int lx = LEFT + PLOT_W + 20;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly, lx + 22, ly, COLOURS[i % COLOURS.length], lx + 28, ly + 4,
                    escape(requests.get(i))));
        }
        for (Series s : series) {
            String colour = COLOURS[requests.indexOf(s.request()) % COLOURS.length];
            String dash = s.mode().equals("plain") ? " stroke-dasharray=\"5,3\"" : "";
            StringBuilder path = new StringBuilder();
            for (Map.Entry<Long, Double> p : s.points().entrySet()) {
                double px = px(p.getKey(), x);
                double py = py(Math.max(p.getValue(), 1), y);
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>%s, %s: "
                        + "%,d resources, p95 %.0f ms</title></circle>%n", px, py, s.mode().equals("plain") ? "2" : "3.5", colour, escape(s.request()), s.mode(),
                        p.getKey(), p.getValue()));
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
                    path, colour, dash));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, double[] x, double[] y) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, PLOT_W, PLOT_H));
        for (double d = x[0]; d <= x[1] * 1.0001; d *= 10) {
            double px = px(d, x);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, TOP + PLOT_H, px,
                    TOP + PLOT_H + 16, label(d)));
        }
        for (double d = y[0]; d <= y[1] * 1.0001; d *= 10) {
            double py = py(d, y);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT, py, LEFT + PLOT_W, py, LEFT - 6,
                    py + 4, label(d)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">resources of the synthetic population loaded</text>%n",
                LEFT + PLOT_W / 2, TOP + PLOT_H + 36));
    }

    /** The decades around the values: [lowest power of ten ≤ min, highest ≥ max], at least one decade wide. */
    static double[] range(double[] values) {
        double min = Double.MAX_VALUE;
        double max = 1;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            min = 1;
        }
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        return new double[] {lo, hi > lo ? hi : lo * 10};
    }

    private static double px(double v, double[] x) {
        return LEFT + PLOT_W * (Math.log10(v) - Math.log10(x[0])) / (Math.log10(x[1]) - Math.log10(x[0]));
    }

    private static double py(double v, double[] y) {
        return TOP + PLOT_H - PLOT_H * (Math.log10(v) - Math.log10(y[0])) / (Math.log10(y[1]) - Math.log10(y[0]));
    }

    private static String label(double d) {
        return d >= 1_000_000 ? (long) (d / 1_000_000) + "M" : d >= 1000 ? (long) (d / 1000) + "k" : Long.toString((long) d);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
