package vn.ehealth.nhr.loaders;

import vn.ehealth.nhr.loaders.synthetic.SyntheticPopulationCommand;
import vn.ehealth.nhr.loaders.xml130.Xml130LoadCommand;
import picocli.CommandLine;
import vn.ehealth.nhr.loaders.adminunits.AdminUnitsLoadCommand;
import vn.ehealth.nhr.loaders.catalogue.CatalogueLoadCommand;
import vn.ehealth.nhr.loaders.facilities.FacilitiesLoadCommand;
import vn.ehealth.nhr.loaders.external.LoincLoadCommand;
import vn.ehealth.nhr.loaders.external.SnomedLoadCommand;
import vn.ehealth.nhr.loaders.icd10.Icd10LoadCommand;
import vn.ehealth.nhr.loaders.techservices.TechnicalServicesLoadCommand;
import picocli.CommandLine.Command;

/**
 * Entry point of the loaders: {@code java -jar nhr-loaders-<version>-cli.jar <subcommand> …}.
 * One subcommand per kind of source; later sources (icd10, admin-units, xml130…) join as siblings.
 */
@Command(name = "nhr-load",
        mixinStandardHelpOptions = true,
        versionProvider = NhrLoadCommand.Version.class,
        description = "Loads data into a Vietnam national health record (NHR) FHIR server.",
        subcommands = {
                ResourcesLoadCommand.class,
                Icd10LoadCommand.class,
                AdminUnitsLoadCommand.class,
                CatalogueLoadCommand.class,
                TechnicalServicesLoadCommand.class,
                FacilitiesLoadCommand.class,
                SnomedLoadCommand.class,
                LoincLoadCommand.class,
                ValidateCommand.class,
                SyntheticPopulationCommand.class,
                Xml130LoadCommand.class,
                vn.ehealth.nhr.loaders.xml130.Xml130GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class NhrLoadCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 rejected input, 2 usage error). */
    public static int run(String... args) {
        CommandLine command = new CommandLine(new NhrLoadCommand());
        // no token, no load: one readable line and exit code 2, not a stack trace
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ClientCredentialsTokens.TokenUnavailableException) {
                line.getErr().println(e.getMessage());
                return 2;
            }
            throw e;
        });
        return command.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NhrLoadCommand.class.getPackage().getImplementationVersion();
            return new String[] {"nhr-load " + (v == null ? "(development build)" : v)};
        }
    }
}
