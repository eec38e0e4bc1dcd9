package vn.ehealth.nhr.loaders.adminunits;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.TerminologyUpload;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.terminology.AdministrativeUnits;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load admin-units}: converts a list of administrative units into the versioned
 * CodeSystem, its value sets and (with {@code --map-from-previous}) the reorganisation ConceptMap,
 * then checks it, writes it or loads it into a server as one transaction.
 */
@Command(name = "admin-units",
        mixinStandardHelpOptions = true,
        description = "Load Vietnam's administrative units (đơn vị hành chính) from the official .xlsx list "
                + "or a simple CSV/xlsx layout as a versioned CodeSystem with value sets per level.")
public final class AdminUnitsLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The list: .xlsx or .csv, official or simple layout.")
    Path file;

    @Option(names = "--version", description = "Version of the list, e.g. 2025-07-01. Required for the simple "
            + "layout; the official 2024 layout defaults to " + AdministrativeUnits.VERSION + ".")
    String version;

    @Option(names = "--effective-from", paramLabel = "YYYY-MM-DD",
            description = "Day the list takes effect; defaults to the version when it is a date.")
    String effectiveFrom;

    @Option(names = "--map-from-previous", paramLabel = "MAP",
            description = "CSV/xlsx mapping the previous version's codes to this one's "
                    + "(old_code, old_version, new_code, relationship[, comment]).")
    Path mapFile;

    @Option(names = "--dry-run", description = "Only read and check; report problems and counts; send nothing.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "DIR", description = "Write the FHIR JSON files into DIR instead of loading them.")
    Path output;

    @Mixin
    ServerConnection remote;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FhirContext fhirContext = FhirContext.forR4Cached();
        try (ProgressBar bar = progress.start("admin-units", 3, "steps")) {
            bar.setExtraMessage(" reading " + file.getFileName());
            AdminUnitsReader.Result read = AdminUnitsReader.read(file);
            bar.step();
            List<RowProblem> problems = new ArrayList<>(read.problems());
            String v = version(read, problems);
            LocalDate from = effectiveFrom(v, problems);
            List<MetadataResource> resources = new ArrayList<>();
            if (problems.isEmpty()) {
                bar.setExtraMessage(" converting");
                resources.addAll(AdminUnitsCodeSystem.resources(read.units(), v, from,
                        file.getFileName() + " (" + read.rows() + " rows, " + read.layout().name().toLowerCase() + " layout)"));
                if (mapFile != null) {
                    ReorganisationMap.Result map = ReorganisationMap.read(mapFile, read.units(), v, from, shippedCodes(fhirContext));
                    problems.addAll(map.problems());
                    if (map.ok()) {
                        resources.add(map.conceptMap());
                    }
                }
            }
            bar.step();
            problems.forEach(err::println);
            out.printf("%s: %s%s%n", file.getFileName(), read.units(), v == null ? "" : ", version " + v);
            if (!problems.isEmpty()) {
                out.printf("%d problem(s); nothing %s%n", problems.size(), dryRun ? "sent" : output != null ? "written" : "sent");
                return 1;
            }
            if (dryRun) {
                out.println("dry run: no problems; nothing sent");
                return 0;
            }
            bar.setExtraMessage(output != null ? " writing" : " sending");
            int code = output != null ? write(fhirContext, resources, out, err) : send(fhirContext, resources, out, err);
            bar.step();
            return code;
        }
    }

    private String version(AdminUnitsReader.Result read, List<RowProblem> problems) {
        if (version != null) {
            if (!version.matches("[A-Za-z0-9.\\-]+")) {
                problems.add(new RowProblem(file, 0, "--version \"" + version + "\" may only use letters, digits, '.' and '-'"));
            }
            return version;
        }
        if (read.layout() == AdminUnitsReader.Layout.OFFICIAL) {
            return AdministrativeUnits.VERSION;
        }
        if (read.layout() != null) {
            problems.add(new RowProblem(file, 0, "--version is required for the simple layout (e.g. --version 2025-07-01)"));
        }
        return null;
    }

    private LocalDate effectiveFrom(String v, List<RowProblem> problems) {
        String text = effectiveFrom != null ? effectiveFrom : v;
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new RowProblem(file, 0, effectiveFrom != null
                    ? "--effective-from \"" + effectiveFrom + "\" is not a date YYYY-MM-DD"
                    : "--effective-from is required when the version \"" + v + "\" is not a date"));
            return null;
        }
    }

    /** The shipped list's codes, so a map from it is checked on both sides. */
    private static ReorganisationMap.OldCodes shippedCodes(FhirContext fhirContext) {
        Set<String> codes = new HashSet<>();
        collect(AdministrativeUnits.parse(fhirContext).getConcept(), codes);
        return new ReorganisationMap.OldCodes(AdministrativeUnits.VERSION, codes);
    }

    private static void collect(List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> codes) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            codes.add(c.getCode());
            collect(c.getConcept(), codes);
        }
    }

    private int write(FhirContext fhirContext, List<MetadataResource> resources, PrintWriter out, PrintWriter err) {
        try {
            Files.createDirectories(output);
            for (MetadataResource r : resources) {
                Path target = output.resolve(r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json");
                Files.writeString(target, fhirContext.newJsonParser().encodeResourceToString(r), StandardCharsets.UTF_8);
                out.println("wrote " + target);
            }
            return 0;
        } catch (IOException e) {
            err.println(output + ": cannot write: " + e.getMessage());
            return 1;
        }
    }

    private int send(FhirContext fhirContext, List<MetadataResource> resources, PrintWriter out, PrintWriter err) {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = remote.client();
        try {
            TerminologyUpload.load(client, resources);
        } catch (BaseServerResponseException e) {
            err.println(remote.url() + ": HTTP " + e.getStatusCode() + ": " + e.getMessage() + "; nothing loaded");
            return 1;
        } catch (RuntimeException e) {
            // connection refused, timeouts: HAPI wraps them in unchecked exceptions
            err.println(remote.url() + ": " + e.getMessage() + "; nothing loaded");
            return 1;
        }
        out.printf("loaded %d resource(s) into %s as one transaction%n", resources.size(), remote.url());
        return 0;
    }

}
