package vn.ehealth.nhr.loaders.facilities;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load facilities FILE.csv}: loads a list of healthcare facilities as Organizations in
 * one transaction of conditional updates on the facility code, so loading twice changes nothing.
 */
@Command(name = "facilities",
        mixinStandardHelpOptions = true,
        description = "Load healthcare facilities (cơ sở KBCB, UTF-8 CSV or .xlsx) as Organization resources.")
public final class FacilitiesLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The facility list: columns ma_cskcb, ten, tuyen, matinh and optional ones.")
    Path file;

    @Option(names = "--dry-run", description = "Only check; report every problem and the count; send nothing.")
    boolean dryRun;

    @Mixin
    ServerConnection remote;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Table table;
        try {
            table = TableReader.read(file, null, FacilityTable.REQUIRED_COLUMNS);
        } catch (TableReader.UnreadableFileException e) {
            err.println(e.problem());
            return 1;
        }
        FacilityTable.Result result;
        try (ProgressBar bar = progress.start("Checking", table.rows().size(), "rows")) {
            result = new FacilityTable(FhirContext.forR4Cached()).read(table, bar::step);
        }
        result.problems().forEach(err::println);
        if (!result.problems().isEmpty()) {
            out.println(result.problems().size() + " problem(s); nothing sent");
            return 1;
        }
        if (dryRun) {
            out.println("dry run: " + result.organizations().size() + " facilities, no problem; nothing sent");
            return 0;
        }
        try {
            remote.client().transaction().withBundle(transaction(result.organizations())).execute();
        } catch (FhirClientConnectionException e) {
            err.println(file.getFileName() + ": cannot reach " + remote.url() + ": " + e.getMessage());
            return 1;
        } catch (BaseServerResponseException e) {
            err.println(file.getFileName() + ": refused by " + remote.url() + ": " + ServerConnection.describe(e));
            return 1;
        }
        out.println("loaded " + result.organizations().size() + " facilities into " + remote.url());
        return 0;
    }

    /** One conditional PUT per facility, keyed on its code: creates it the first time, updates it after. */
    static Bundle transaction(List<Organization> organizations) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Organization o : organizations) {
            var id = o.getIdentifierFirstRep();
            String match = "Organization?identifier=" + URLEncoder.encode(id.getSystem() + "|" + id.getValue(), StandardCharsets.UTF_8);
            tx.addEntry().setResource(o).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(match);
        }
        return tx;
    }

}
