package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import me.tongfei.progressbar.ProgressBar;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.ehealth.nhr.loaders.ProgressDisplay;
import vn.ehealth.nhr.loaders.ServerConnection;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code nhr-load xml130}: loads hospital check-out data (QĐ 130/4750 XML: envelopes, plain table
 * files, folders, zips) into the server, one transaction per episode, and prints a report per
 * file. Exit code 1 when any episode was refused.
 */
@Command(name = "xml130",
        mixinStandardHelpOptions = true,
        description = "Load QĐ 130/4750 hospital XML (GIAMDINHHS envelopes, table files, folders, zips): one FHIR transaction per episode.")
public final class Xml130LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Envelope or table .xml files, folders, .zip files.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    ServerConnection remote;

    @Mixin
    ProgressDisplay progress;

    @Option(names = "--dry-run", description = "Read, map and check every episode against the catalogues; send nothing.")
    boolean dryRun;

    @Option(names = "--signature-limit-mb", defaultValue = "32", paramLabel = "MB",
            description = "Verify an envelope's CHUKYDONVI signature up to this size (default ${DEFAULT-VALUE}); "
                    + "larger envelopes are reported as signed but not verified (verifying needs the whole file in memory).")
    long signatureLimitMb;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Episodes sent at once (default ${DEFAULT-VALUE}); all episodes of one citizen are still sent "
                    + "one after the other, in file order.")
    int parallel;

    @Option(names = "--lang", defaultValue = "vi", description = "Report language: vi (default) or en; also asked of the server.")
    String lang;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MessageLanguage language = MessageLanguage.fromAcceptLanguage(lang);
        IGenericClient client = null;
        Xml130Loader.Sender sender = null;
        EpisodeInventory inventory = null;
        PractitionerDirectory directory = licence -> Optional.of("unchecked"); // dry run: no directory to ask
        if (!dryRun) {
            client = remote.client();
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("Accept-Language", language.tag());
            client.registerInterceptor(headers);
            sender = transactions(client);
            inventory = inventory(client);
            directory = practitioners(client);
        }
        Xml130Loader loader = new Xml130Loader(new Xml130EpisodeMapper(Xml130Catalogues.shipped(), directory), sender, inventory);
        Xml130Report report = new Xml130Report();
        Xml130Reader reader = new Xml130Reader(new EnvelopeSignature(signatureLimitMb << 20), report::note);
        try (ProgressBar bar = progress.start(dryRun ? "Checking" : "Loading", -1, "episodes");
             EpisodeLanes lanes = new EpisodeLanes(dryRun ? 1 : parallel)) {
            for (Path path : paths) {
                try {
                    reader.read(path, episode -> lanes.submit(episode, () -> {
                        report.add(loader.load(episode));
                        bar.step();
                    }));
                } catch (IOException e) {
                    err.println(path + ": " + e.getMessage());
                    report.add(new Xml130Report.EpisodeOutcome(path.toString(), path.toString(), null,
                            Xml130Report.Status.REFUSED, null, List.of(Xml130Problem.general(
                            "không đọc được: " + e.getMessage(), "cannot be read: " + e.getMessage()))));
                }
            }
        }
        report.print(out, language);
        return report.count(Xml130Report.Status.REFUSED) == 0 ? 0 : 1;
    }

    private static Xml130Loader.Sender transactions(IGenericClient client) {
        return tx -> {
            try {
                return Xml130Loader.Answer.accepted(client.transaction().withBundle(tx).execute());
            } catch (BaseServerResponseException e) {
                OperationOutcome oo = e.getOperationOutcome() instanceof OperationOutcome o ? o : null;
                return Xml130Loader.Answer.refused(oo, ServerConnection.describe(e));
            }
        };
    }

    /** An episode's Encounter and the resources pointing to it, as stored by an earlier load. */
    private static EpisodeInventory inventory(IGenericClient client) {
        return (system, maLk) -> {
            var query = client.search().forResource("Encounter")
                    .where(org.hl7.fhir.r4.model.Encounter.IDENTIFIER.exactly().systemAndIdentifier(system, maLk));
            for (String r : EpisodeInventory.REVINCLUDES) {
                query = query.revInclude(new ca.uhn.fhir.model.api.Include(r));
            }
            Bundle found = query.returnBundle(Bundle.class).execute();
            Bundle relatives = client.search().forResource("RelatedPerson")
                    .where(org.hl7.fhir.r4.model.RelatedPerson.IDENTIFIER.exactly().systemAndValues(
                            EpisodeInventory.rowSystem(system), EpisodeInventory.relativeKeys(maLk)))
                    .returnBundle(Bundle.class).execute();
            return java.util.stream.Stream.concat(found.getEntry().stream(), relatives.getEntry().stream())
                    .map(Bundle.BundleEntryComponent::getResource).toList();
        };
    }

    /** Practitioners by licence, asked of the server once per licence. */
    private static PractitionerDirectory practitioners(IGenericClient client) {
        Map<String, Optional<String>> known = new ConcurrentHashMap<>();
        return licence -> known.computeIfAbsent(licence, l -> {
            Bundle found = client.search().forResource("Practitioner")
                    .where(org.hl7.fhir.r4.model.Practitioner.IDENTIFIER.exactly()
                            .systemAndIdentifier(NhrIdentifierSystems.PRACTITIONER_LICENCE, l))
                    .returnBundle(Bundle.class).execute();
            return found.getEntry().stream().findFirst().map(e -> e.getResource().getIdElement().getIdPart());
        });
    }
}
