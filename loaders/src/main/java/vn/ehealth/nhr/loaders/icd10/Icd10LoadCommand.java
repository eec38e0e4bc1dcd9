package vn.ehealth.nhr.loaders.icd10;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.CodeSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.TerminologyUpload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load icd10 FILE.xlsx}: converts the Ministry's ICD-10 workbook (QĐ 4469/QĐ-BYT) into
 * one CodeSystem and loads it as one idempotent transaction, or only checks it ({@code --dry-run})
 * or writes it to a file ({@code --output}).
 */
@Command(name = "icd10",
        mixinStandardHelpOptions = true,
        description = "Convert the ICD-10 workbook of QĐ 4469/QĐ-BYT (.xlsx) into a FHIR CodeSystem and load it into an NHR server.")
public final class Icd10LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xlsx", description = "The official ICD-10 workbook (sheet ICD10 and appendices).")
    Path file;

    @Mixin
    ServerConnection remote;

    @Option(names = "--dry-run", description = "Only convert and check; report every problem and the counts; load nothing.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "FILE.json",
            description = "Write the CodeSystem as JSON to this file instead of loading it.")
    Path output;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Icd10VnConverter.Result result = convert();
        result.problems().forEach(err::println);
        result.notes().forEach(n -> out.println("note: " + n));
        out.println("chapters: " + result.counts().get(Icd10VnConverter.Kind.CHAPTER)
                + ", blocks: " + result.counts().get(Icd10VnConverter.Kind.BLOCK)
                + ", categories: " + result.counts().get(Icd10VnConverter.Kind.CATEGORY)
                + ", subcategories: " + result.counts().get(Icd10VnConverter.Kind.SUBCATEGORY));
        if (result.codeSystem().isEmpty()) {
            out.println(result.problems().size() + " problem(s); nothing " + (dryRun ? "to load" : "loaded or written"));
            return 1;
        }
        if (dryRun) {
            out.println("dry run: no problem; nothing loaded");
            return 0;
        }
        CodeSystem codeSystem = result.codeSystem().get();
        FhirContext fhirContext = FhirContext.forR4Cached();
        if (output != null) {
            return write(fhirContext, codeSystem, out, err);
        }
        return load(fhirContext, codeSystem, out, err);
    }

    private Icd10VnConverter.Result convert() {
        try (ProgressBar bar = progress.start("Converting", -1, "rows")) {
            return new Icd10VnConverter(new Icd10VnConverter.Progress() {
                @Override
                public void start(int rows) {
                    bar.maxHint(rows);
                }

                @Override
                public void step() {
                    bar.step();
                }
            }).convert(file);
        }
    }

    private int write(FhirContext fhirContext, CodeSystem codeSystem, PrintWriter out, PrintWriter err) {
        try {
            Files.writeString(output, fhirContext.newJsonParser().encodeResourceToString(codeSystem), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(output + ": cannot be written: " + e.getMessage());
            return 1;
        }
        out.println("wrote CodeSystem " + codeSystem.getUrl() + "|" + codeSystem.getVersion() + " to " + output);
        return 0;
    }

    private int load(FhirContext fhirContext, CodeSystem codeSystem, PrintWriter out, PrintWriter err) {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = remote.client();
        try {
            TerminologyUpload.load(client, List.of(codeSystem));
        } catch (FhirClientConnectionException e) {
            err.println(file.getFileName() + ": cannot reach " + remote.url() + ": " + e.getMessage());
            return 1;
        } catch (BaseServerResponseException e) {
            err.println(file.getFileName() + ": refused by " + remote.url() + ": " + ServerConnection.describe(e));
            return 1;
        }
        out.println("loaded CodeSystem " + codeSystem.getUrl() + "|" + codeSystem.getVersion() + " into " + remote.url());
        return 0;
    }

}
