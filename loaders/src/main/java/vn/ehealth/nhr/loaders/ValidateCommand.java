package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.ehealth.nhr.ig.validation.Finding;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Validates FHIR files against the national guide on the vendor's own machine, with the very
 * validator and package the server uses: no server, no network. Entries of transaction and batch
 * Bundles are validated one by one, as the server does.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Validates FHIR JSON/XML files (or folders of them) against the national guide, offline.",
                "Exit code 0: every file conforms; 1: at least one error."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to validate.")
    List<Path> paths;

    @Option(names = "--profile", paramLabel = "URL",
            description = "Validate against this profile instead of the national profile of each resource's type.")
    String profile;

    @Option(names = "--lang", paramLabel = "vi|en", defaultValue = "vi",
            description = "Language of the messages (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--warnings", description = "Also print warnings.")
    boolean warnings;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FhirContext fhir = FhirContext.forR4Cached();
        FhirFileReader.Result read = new FhirFileReader(fhir).read(paths);
        read.problems().forEach(p -> out.println("UNREADABLE " + p));
        GuideValidator validator = GuideValidator.forShippedGuide(fhir);
        MessageLanguage lang = MessageLanguage.fromAcceptLanguage(language);

        int errors = read.problems().size();
        int resources = 0;
        for (FhirFileReader.Parsed parsed : read.parsed()) {
            IBaseResource resource = parsed.resource();
            if (resource instanceof Bundle bundle && (bundle.getType() == Bundle.BundleType.TRANSACTION
                    || bundle.getType() == Bundle.BundleType.BATCH)) {
                for (int i = 0; i < bundle.getEntry().size(); i++) {
                    IBaseResource entry = bundle.getEntry().get(i).getResource();
                    if (entry != null) {
                        resources++;
                        errors += report(out, parsed.file() + " entry[" + i + "]", validate(validator, entry), lang,
                                "Bundle.entry[" + i + "].resource");
                    }
                }
            } else {
                resources++;
                errors += report(out, parsed.file().toString(), validate(validator, resource), lang, null);
            }
        }
        out.printf("%d resource(s) in %d file(s): %d error(s)%n", resources, read.parsed().size(), errors);
        out.flush();
        return errors == 0 ? 0 : 1;
    }

    private GuideValidation validate(GuideValidator validator, IBaseResource resource) {
        return profile == null ? validator.validate(resource) : validator.validate(resource, profile);
    }

    private int report(PrintWriter out, String what, GuideValidation result, MessageLanguage lang, String prefix) {
        List<Finding> shown = result.findings().stream()
                .filter(f -> f.isError() || (warnings && f.severity() == org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.WARNING))
                .toList();
        out.println((result.hasErrors() ? "INVALID " : "OK      ") + what);
        for (Finding f : shown) {
            out.printf("    %s [%s] %s: %s%n", f.severity().toCode().toUpperCase(), f.rule(),
                    GuideValidation.relocate(f.location(), prefix), f.message(lang));
        }
        return result.errors().size();
    }
}
