package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Bundle;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.xml130.Xml130Writer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.io.BufferedOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load synthetic-population}: writes a synthetic population as FHIR transaction Bundles,
 * {@code 00-directory.json} first, then one transaction per citizen and, under {@code discharge/}, the
 * discharge papers of their inpatient stays (documents for {@code POST /Bundle}), ready for
 * {@code nhr-load resources} on the folder (it sends them in that order) or the benchmarks, which follow
 * {@code manifest.csv}. Reproducible: the same options write the same files.
 */
@Command(name = "synthetic-population", aliases = "synthea-vn",
        mixinStandardHelpOptions = true,
        description = {"Writes a reproducible synthetic Vietnamese population as FHIR transaction Bundles (one per citizen),",
                "every resource valid against the national profiles: facilities and doctors first, then the citizens,",
                "then (under discharge/) the discharge papers of inpatient stays as FHIR documents; manifest.csv gives the order."})
public final class SyntheticPopulationCommand implements Callable<Integer> {

    @Option(names = "--citizens", defaultValue = "100", description = "How many citizens (default: ${DEFAULT-VALUE}).")
    int citizens;

    @Option(names = "--seed", defaultValue = "20261126", description = "Seed of the population (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Reference date of the records (default: today). Fix it to reproduce a population later.")
    LocalDate asOf;

    @Option(names = "--years", defaultValue = "5", description = "Years of history per citizen (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created).")
    Path out;

    @Option(names = "--xml130", description = {"Also write the same population as its hospitals would report it under QĐ 130:",
            "xml130/<facility code>.xml, one GIAMDINHHS envelope per facility with a HOSO per visit and stay (for nhr-load xml130)."})
    boolean xml130;

    @picocli.CommandLine.Mixin
    ProgressDisplay progress;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (citizens < 1 || years < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--citizens and --years must be at least 1");
        }
        FhirContext fhir = FhirContext.forR4Cached();
        IParser json = fhir.newJsonParser();
        PopulationGenerator generator = new PopulationGenerator(fhir, seed, asOf == null ? LocalDate.now() : asOf, years);
        Files.createDirectories(out.resolve("discharge"));
        write(out.resolve("00-directory.json"), json.encodeResourceToString(generator.directory()));
        long resources = 0;
        long documents = 0;
        long transactionEntries = 0;
        // what to send, in order, per citizen: the transaction, then each discharge paper (benchmark feeders read it)
        List<String> manifest = new ArrayList<>();
        PopulationXml130 hospitals = xml130 ? new PopulationXml130(generator.directory()) : null;
        Map<String, Integer> hosoPerFacility = new TreeMap<>();
        manifest.add("citizen,resources,discharge_documents");
        try (ProgressBar bar = progress.start("citizens", citizens, "citizens")) {
            for (int n = 0; n < citizens; n++) {
                SyntheticCitizen citizen = generator.citizen(n);
                String name = String.format("citizen-%07d", n + 1);
                write(out.resolve(name + ".json"), json.encodeResourceToString(citizen.transaction()));
                List<String> papers = new ArrayList<>();
                for (Bundle document : citizen.dischargeDocuments()) {
                    String paper = String.format("discharge/%s-stay-%02d.json", name, papers.size() + 1);
                    write(out.resolve(paper), json.encodeResourceToString(document));
                    papers.add(paper);
                }
                resources += citizen.resources();
                transactionEntries += citizen.transaction().getEntry().size();
                documents += papers.size();
                manifest.add(name + ".json," + citizen.resources() + "," + String.join(" ", papers));
                if (hospitals != null) {
                    hospitals.episodes(citizen).forEach(h -> hosoPerFacility.merge(h.facilityCode(), 1, Integer::sum));
                }
                bar.step();
            }
        }
        Files.write(out.resolve("manifest.csv"), manifest, StandardCharsets.UTF_8);
        if (hospitals != null) {
            writeXml130(generator, hospitals, hosoPerFacility);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%d citizens, %d resources (%.1f per citizen, %d of them in %d discharge papers under discharge/) and the "
                        + "directory written to %s; send them in the order of manifest.csv%n",
                citizens, resources, (double) resources / citizens, resources - transactionEntries, documents, out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /**
     * The envelopes: a second pass over the (reproducible) citizens, each HOSO streamed into its facility's
     * envelope, whose header needs the count the first pass took.
     */
    private void writeXml130(PopulationGenerator generator, PopulationXml130 hospitals, Map<String, Integer> counts)
            throws IOException {
        Path folder = Files.createDirectories(out.resolve("xml130"));
        String created = (asOf == null ? LocalDate.now() : asOf).toString().replace("-", "");
        Map<String, Xml130Writer.Envelope> envelopes = new HashMap<>();
        try {
            for (var c : counts.entrySet()) {
                envelopes.put(c.getKey(), new Xml130Writer.Envelope(new BufferedOutputStream(
                        Files.newOutputStream(folder.resolve(c.getKey() + ".xml"))), c.getKey(), created, c.getValue()));
            }
            try (ProgressBar bar = progress.start("QĐ 130", citizens, "citizens")) {
                for (int n = 0; n < citizens; n++) {
                    for (PopulationXml130.Hoso h : hospitals.episodes(generator.citizen(n))) {
                        envelopes.get(h.facilityCode()).hoso(h.tables());
                    }
                    bar.step();
                }
            }
        } finally {
            for (Xml130Writer.Envelope e : envelopes.values()) {
                e.close();
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%d HOSO in %d QĐ 130 envelopes written to %s%n", counts.values().stream().mapToInt(Integer::intValue).sum(),
                counts.size(), folder.toAbsolutePath());
        o.flush();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
