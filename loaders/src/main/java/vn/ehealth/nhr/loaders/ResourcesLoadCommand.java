package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load resources}: sends FHIR resource files to a server over REST. A transaction or
 * batch Bundle is posted as such (all-or-nothing for transactions); a resource with an id is PUT
 * (loading twice changes nothing); one without an id is created.
 */
@Command(name = "resources",
        mixinStandardHelpOptions = true,
        description = "Load FHIR R4 JSON/XML files (resources or transaction Bundles) into an NHR server.")
final class ResourcesLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders of .json/.xml FHIR resources.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    ServerConnection remote;

    @Option(names = "--dry-run", description = "Only read and check the files; report every bad file; send nothing.")
    boolean dryRun;

    @Mixin
    ProgressDisplay progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FhirContext fhirContext = FhirContext.forR4Cached();

        FhirFileReader.Result read = new FhirFileReader(fhirContext).read(paths);
        read.problems().forEach(p -> err.println(p));
        if (dryRun) {
            out.printf("dry run: %d file(s) readable, %d with problems; nothing sent%n",
                    read.parsed().size(), read.problems().size());
            return read.problems().isEmpty() ? 0 : 1;
        }

        IGenericClient client = remote.client();
        int loaded = 0;
        List<FhirFileReader.Problem> refused = new ArrayList<>(read.problems());
        try (ProgressBar bar = progress.start("Loading", read.parsed().size(), "files")) {
            for (FhirFileReader.Parsed item : read.parsed()) {
                try {
                    send(client, item.resource());
                    loaded++;
                } catch (BaseServerResponseException e) {
                    FhirFileReader.Problem p = new FhirFileReader.Problem(item.file(), ServerConnection.describe(e));
                    refused.add(p);
                    err.println(p);
                }
                bar.step();
            }
        }
        out.printf("loaded %d file(s) into %s; %d refused%n", loaded, remote.url(), refused.size());
        return refused.isEmpty() ? 0 : 1;
    }

    private static void send(IGenericClient client, IBaseResource resource) {
        if (resource instanceof Bundle bundle
                && (bundle.getType() == Bundle.BundleType.TRANSACTION || bundle.getType() == Bundle.BundleType.BATCH)) {
            client.transaction().withBundle(bundle).execute();
        } else if (resource.getIdElement().hasIdPart()) {
            client.update().resource(resource).execute();
        } else {
            client.create().resource(resource).execute();
        }
    }


}
