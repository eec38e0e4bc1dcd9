package vn.ehealth.nhr.loaders.catalogue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.MetadataResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.TerminologyUpload;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load catalogue}: any small national catalogue (danh mục dùng chung) published as a
 * table — code, name, optional parent and dates, any other columns — becomes a CodeSystem and its
 * ValueSet, without new code per catalogue. Loading is one idempotent transaction per version.
 */
@Command(name = "catalogue",
        mixinStandardHelpOptions = true,
        description = "Load a national catalogue (.xlsx or UTF-8 .csv) as a CodeSystem + ValueSet.")
public final class CatalogueLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The catalogue table (.xlsx, or .csv in UTF-8 with or without BOM).")
    Path file;

    @Option(names = "--id", required = true, description = "Catalogue id, e.g. vn-patient-object; gives the canonical URLs.")
    String id;

    @Option(names = "--title", required = true, description = "Title of the catalogue, in Vietnamese.")
    String title;

    @Option(names = "--version", required = true, description = "Version of this issue of the catalogue, e.g. 4750/QĐ-BYT-2023.")
    String version;

    @Option(names = "--publisher", required = true, description = "Issuing body, e.g. \"Bộ Y tế\".")
    String publisher;

    @Option(names = "--legal-basis", required = true, description = "Decision or standard the catalogue comes from, with its date.")
    String legalBasis;

    @Option(names = "--effective-from", description = "First day the catalogue applies (yyyy-mm-dd).")
    LocalDate effectiveFrom;

    @Option(names = "--effective-to", description = "Last day the catalogue applies (yyyy-mm-dd).")
    LocalDate effectiveTo;

    @Option(names = "--sheet", description = "Sheet of an .xlsx file (default: the first).")
    String sheet;

    @Option(names = "--code-column", defaultValue = "MA", description = "Column of the codes (default: ${DEFAULT-VALUE}).")
    String codeColumn;

    @Option(names = "--name-column", defaultValue = "TEN", description = "Column of the Vietnamese names (default: ${DEFAULT-VALUE}).")
    String nameColumn;

    @Option(names = "--parent-column", description = "Column of the parent code, for hierarchical catalogues.")
    String parentColumn;

    @Option(names = "--english-column", description = "Column of the English names.")
    String englishColumn;

    @Option(names = "--from-column", defaultValue = "HIEU_LUC_TU",
            description = "Column of each code's start date, used when present (default: ${DEFAULT-VALUE}).")
    String fromColumn;

    @Option(names = "--to-column", defaultValue = "HIEU_LUC_DEN",
            description = "Column of each code's end date, used when present (default: ${DEFAULT-VALUE}).")
    String toColumn;

    @Option(names = "--dry-run", description = "Only read and check the file; print every problem and the count; send nothing.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "DIR", description = "Write CodeSystem-<id>.json and ValueSet-<id>.json here instead of loading.")
    Path output;

    @Mixin
    ServerConnection remote;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Table table;
        try {
            table = TableReader.read(file, sheet, requiredColumns());
        } catch (TableReader.UnreadableFileException e) {
            err.println(e.problem());
            return 1;
        }
        CatalogueBuilder.Result result;
        try (ProgressBar bar = progress.start("Checking", table.rows().size(), "rows")) {
            result = new CatalogueBuilder(specOf(table)).build(table, bar::step);
        }
        result.problems().forEach(err::println);
        if (dryRun) {
            out.printf("dry run: %d row(s), %d problem(s); nothing sent%n", table.rows().size(), result.problems().size());
            return result.ok() ? 0 : 1;
        }
        if (!result.ok()) {
            out.printf("%d problem(s); nothing written or loaded%n", result.problems().size());
            return 1;
        }
        List<MetadataResource> resources = List.of(result.codeSystem(), result.valueSet());
        int count = result.codeSystem().getCount();
        return output != null ? write(resources, count, out, err) : load(resources, count, out, err);
    }

    private void checkOptions() {
        if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new ParameterException(spec.commandLine(), "--id must be a FHIR id (letters, digits, '-', '.'; at most 64): " + id);
        }
        if (effectiveFrom != null && effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new ParameterException(spec.commandLine(), "--effective-to is before --effective-from");
        }
    }

    /** Code and name always; parent and English only when asked for, so a typo in their name is reported. */
    private Set<String> requiredColumns() {
        Set<String> required = new LinkedHashSet<>(List.of(codeColumn, nameColumn));
        if (parentColumn != null) {
            required.add(parentColumn);
        }
        if (englishColumn != null) {
            required.add(englishColumn);
        }
        return required;
    }

    private CatalogueSpec specOf(Table table) {
        // the date columns are optional: ignore them when the file has none
        String from = table.headers().contains(TableReader.normaliseHeader(fromColumn)) ? fromColumn : null;
        String to = table.headers().contains(TableReader.normaliseHeader(toColumn)) ? toColumn : null;
        return new CatalogueSpec(id, title, version, publisher, legalBasis, effectiveFrom, effectiveTo,
                codeColumn, nameColumn, parentColumn, englishColumn, from, to);
    }

    private int write(List<MetadataResource> resources, int count, PrintWriter out, PrintWriter err) {
        var json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true);
        try {
            Files.createDirectories(output);
            for (MetadataResource r : resources) {
                Path target = output.resolve(r.fhirType() + "-" + id + ".json");
                Files.writeString(target, json.encodeResourceToString(r), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println(output + ": cannot write: " + e.getMessage());
            return 1;
        }
        out.printf("wrote CodeSystem and ValueSet %s (%d concept(s)) to %s%n", id, count, output);
        return 0;
    }

    private int load(List<MetadataResource> resources, int count, PrintWriter out, PrintWriter err) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = remote.client();
        try {
            TerminologyUpload.load(client, resources);
        } catch (BaseServerResponseException e) {
            err.println(remote.url() + ": HTTP " + e.getStatusCode() + ": " + e.getMessage() + "; nothing loaded");
            return 1;
        } catch (RuntimeException e) {
            // connection failures come as HAPI's FhirClientConnectionException or plain runtime errors
            err.println(remote.url() + ": " + e.getMessage() + "; nothing loaded");
            return 1;
        }
        out.printf("loaded %s version %s (%d concept(s)) into %s%n", id, version, count, remote.url());
        return 0;
    }

}
