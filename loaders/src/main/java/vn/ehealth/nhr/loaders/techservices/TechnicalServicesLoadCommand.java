package vn.ehealth.nhr.loaders.techservices;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.MetadataResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import vn.ehealth.nhr.loaders.TerminologyUpload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load technical-services FILE}: converts Appendix 3 (technical services and their
 * ICD-9-CM volume 3 codes) and loads its code systems, value sets and map as one idempotent
 * transaction, or only checks it ({@code --dry-run}) or writes the JSON files ({@code --output}).
 */
@Command(name = "technical-services",
        mixinStandardHelpOptions = true,
        description = "Convert the technical-service ↔ ICD-9-CM workbook (Appendix 3, 2020) and load it into an NHR server.")
public final class TechnicalServicesLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workbook (.xlsx, sheet Sheet0) or a UTF-8 CSV export of it.")
    Path file;

    @Option(names = "--dry-run", description = "Only convert and check; report every problem and the counts; load nothing.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "DIR", description = "Write the resources as minified JSON files here instead of loading them.")
    Path output;

    @Mixin
    ServerConnection remote;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TechnicalServicesConverter.Result result;
        try (ProgressBar bar = progress.start("Converting", -1, "rows")) {
            result = new TechnicalServicesConverter().convert(file, bar::step);
        }
        result.problems().forEach(err::println);
        result.notes().forEach(n -> out.println("note: " + n));
        out.printf("services: %d (mapped: %d), ICD-9-CM procedures: %d%n",
                result.services(), result.mappedServices(), result.procedures());
        if (!result.ok()) {
            out.println(result.problems().size() + " problem(s); nothing " + (dryRun ? "to load" : "loaded or written"));
            return 1;
        }
        if (dryRun) {
            out.println("dry run: no problem; nothing loaded");
            return 0;
        }
        return output != null ? write(result, out, err) : load(result, out, err);
    }

    private int write(TechnicalServicesConverter.Result result, PrintWriter out, PrintWriter err) {
        var json = FhirContext.forR4Cached().newJsonParser();
        try {
            Files.createDirectories(output);
            for (MetadataResource r : result.resources()) {
                Path target = output.resolve(r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json");
                Files.writeString(target, json.encodeResourceToString(r), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println(output + ": cannot be written: " + e.getMessage());
            return 1;
        }
        out.println("wrote " + result.resources().size() + " resources to " + output);
        return 0;
    }

    private int load(TechnicalServicesConverter.Result result, PrintWriter out, PrintWriter err) {
        try {
            TerminologyUpload.load(remote.client(), result.resources());
        } catch (FhirClientConnectionException e) {
            err.println(file.getFileName() + ": cannot reach " + remote.url() + ": " + e.getMessage());
            return 1;
        } catch (BaseServerResponseException e) {
            err.println(file.getFileName() + ": refused by " + remote.url() + ": " + ServerConnection.describe(e));
            return 1;
        }
        out.println("loaded " + result.resources().size() + " resources (technical services, ICD-9-CM, map) into " + remote.url());
        return 0;
    }

}
