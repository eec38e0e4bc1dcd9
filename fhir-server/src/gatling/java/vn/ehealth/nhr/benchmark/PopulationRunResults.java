package vn.ehealth.nhr.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable results of one run of {@code population-benchmark.sh} in one mode: the figures the
 * script measured (data size, ingest throughput, start-up time, server RSS, database size) and, per request
 * of the read mix's Gatling report (measured phase only), count, failures, throughput and percentiles. {@link LatencyChart} reads
 * these files. Arguments: {@code key=value} pairs; {@code report=} the Gatling report folder of the read
 * phase, {@code out=} the JSON file to write; numeric values are written as numbers.
 */
public final class PopulationRunResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PopulationRunResults() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            figures.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path out = Path.of(require(figures, "out"));
        Path report = Path.of(require(figures, "report"));
        ObjectNode root = JSON.createObjectNode();
        root.put("written", Instant.now().toString());
        figures.forEach((key, value) -> {
            if (!key.equals("out")) {
                if (value.matches("-?\\d+")) {
                    root.put(key, Long.parseLong(value));
                } else if (value.matches("-?\\d+\\.\\d+")) {
                    root.put(key, Double.parseDouble(value));
                } else {
                    root.put(key, value);
                }
            }
        });
        // what the population added to the empty server's database (schema, guide package, catalogues)
        if (root.has("databaseBytesAfterIngest") && root.has("databaseBytesEmpty")) {
            long grown = root.get("databaseBytesAfterIngest").asLong() - root.get("databaseBytesEmpty").asLong();
            root.put("databaseBytesPerCitizen", grown / root.get("citizens").asLong());
            root.put("databaseBytesPerResource", grown / root.get("resources").asLong());
        }
        ArrayNode requests = root.putArray("requests");
        for (GatlingReportTable.Row r : GatlingReportTable.read(report).values()) {
            if (r.name().startsWith("warm-up") || r.name().equals("All Requests")) {
                continue; // Gatling's "All Requests" counts the warm-up too
            }
            requests.addObject().put("name", r.name()).put("count", r.count()).put("failed", r.failed())
                    .put("requestsPerSecond", r.rps()).put("mean", r.mean()).put("p50", r.p50()).put("p75", r.p75())
                    .put("p95", r.p95()).put("p99", r.p99());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writeValue(out.toFile(), root);
        System.out.println("results written to " + out);
    }

    private static String require(Map<String, String> figures, String key) {
        String value = figures.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key + "=…");
        }
        return value;
    }
}
