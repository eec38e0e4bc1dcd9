package vn.ehealth.nhr.loaders.external;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import vn.ehealth.nhr.loaders.ServerConnection;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Common part of {@code nhr-load snomed} and {@code nhr-load loinc}: checks an official release
 * against what HAPI's loader needs, then sends the needed files to the server's
 * {@code CodeSystem/$upload-external-code-system}, where HAPI parses them. Nothing is parsed here:
 * HAPI's loader is the reference for these formats.
 */
abstract class ExternalReleaseUploadCommand implements Callable<Integer> {

    static final String OPERATION = "upload-external-code-system";
    /** The attachment's name: HAPI unpacks an attachment whose url ends in .zip. */
    static final String ATTACHMENT_NAME = "release-files.zip";

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PATH",
            description = "The release as distributed (.zip) or the folder it was unzipped into.")
    Path release;

    @Mixin
    ServerConnection remote;

    @Option(names = "--dry-run", description = "Only check that the release holds every file HAPI needs; send nothing.")
    boolean dryRun;

    /** Which release this command loads. */
    abstract ReleaseSpec releaseSpec();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReleaseSpec what = releaseSpec();

        ReleaseFiles files = ReleaseFiles.collect(release, what);
        files.wanted().forEach(p -> out.println("found: " + p));
        files.problems().forEach(err::println);
        if (!files.problems().isEmpty()) {
            out.println(files.problems().size() + " required file(s) missing; nothing " + (dryRun ? "to send" : "sent"));
            return 1;
        }
        if (dryRun) {
            out.println("dry run: all files HAPI's " + what.name() + " loader requires are present; nothing sent");
            return 0;
        }

        byte[] zip;
        try {
            zip = files.toZip();
        } catch (IOException e) {
            err.println(release + ": cannot be read: " + e.getMessage());
            return 1;
        }
        return upload(what, zip, out, err);
    }

    private int upload(ReleaseSpec what, byte[] zip, PrintWriter out, PrintWriter err) {
        Parameters request = new Parameters();
        request.addParameter().setName("system").setValue(new UriType(what.system()));
        request.addParameter().setName("file")
                .setValue(new Attachment().setUrl(ATTACHMENT_NAME).setContentType("application/zip").setData(zip));
        try {
            Parameters response = client().operation().onType(CodeSystem.class).named(OPERATION)
                    .withParameters(request).execute();
            out.println("loaded " + what.name() + " (" + what.system() + ") into " + remote.url() + ": "
                    + summary(response));
            out.println("the server indexes the concepts in the background; lookups answer once it has finished");
            return 0;
        } catch (FhirClientConnectionException e) {
            err.println(release + ": cannot reach " + remote.url() + ": " + e.getMessage());
        } catch (BaseServerResponseException e) {
            err.println(release + ": refused by " + remote.url() + ": " + ServerConnection.describe(e));
        }
        return 1;
    }

    private IGenericClient client() {
        // A full release takes minutes to parse server-side before the response comes.
        FhirContext.forR4Cached().getRestfulClientFactory().setSocketTimeout(60 * 60 * 1000);
        return remote.client();
    }

    /** HAPI answers with success, conceptCount and target (the CodeSystem it created or updated). */
    private static String summary(Parameters response) {
        return response.getParameter().stream()
                .map(p -> p.getName() + "=" + (p.getValue() instanceof Reference r ? r.getReference() : p.getValue().primitiveValue()))
                .collect(Collectors.joining(", "));
    }

}
