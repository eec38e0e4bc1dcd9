package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.ehealth.nhr.loaders.ProgressDisplay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load synthetic-population}: writes a synthetic population as FHIR transaction Bundles,
 * {@code 00-directory.json} first and then one file per citizen, ready for {@code nhr-load resources}
 * (or the benchmarks). Reproducible: the same options write the same files.
 */
@Command(name = "synthetic-population", aliases = "synthea-vn",
        mixinStandardHelpOptions = true,
        description = {"Writes a reproducible synthetic Vietnamese population as FHIR transaction Bundles (one per citizen),",
                "every resource valid against the national profiles: facilities and doctors first, then the citizens."})
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
        Files.createDirectories(out);
        write(out.resolve("00-directory.json"), json.encodeResourceToString(generator.directory()));
        long resources = 0;
        try (ProgressBar bar = progress.start("citizens", citizens, "citizens")) {
            for (int n = 0; n < citizens; n++) {
                var bundle = generator.citizen(n);
                resources += bundle.getEntry().size();
                write(out.resolve(String.format("citizen-%07d.json", n + 1)), json.encodeResourceToString(bundle));
                bar.step();
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%d citizens, %d resources (%.1f per citizen) and the directory written to %s%n",
                citizens, resources, (double) resources / citizens, out.toAbsolutePath());
        o.flush();
        return 0;
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
