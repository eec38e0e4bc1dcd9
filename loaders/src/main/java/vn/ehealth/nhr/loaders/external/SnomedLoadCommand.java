package vn.ehealth.nhr.loaders.external;

import picocli.CommandLine.Command;

/** {@code nhr-load snomed PATH}: loads a SNOMED CT RF2 release (Full files) through HAPI's loader. */
@Command(name = "snomed",
        mixinStandardHelpOptions = true,
        description = "Load a SNOMED CT RF2 release (zip or folder; its Full concept, description and relationship files) into an NHR server.")
public final class SnomedLoadCommand extends ExternalReleaseUploadCommand {

    @Override
    ReleaseSpec releaseSpec() {
        return ReleaseSpec.SNOMED_CT;
    }
}
