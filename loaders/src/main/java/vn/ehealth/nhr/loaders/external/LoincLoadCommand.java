package vn.ehealth.nhr.loaders.external;

import picocli.CommandLine.Command;

/** {@code nhr-load loinc PATH}: loads a LOINC release (table, accessory files, loinc.xml) through HAPI's loader. */
@Command(name = "loinc",
        mixinStandardHelpOptions = true,
        description = "Load a LOINC release (zip or folder: LoincTable, AccessoryFiles and loinc.xml) into an NHR server.")
public final class LoincLoadCommand extends ExternalReleaseUploadCommand {

    @Override
    ReleaseSpec releaseSpec() {
        return ReleaseSpec.LOINC;
    }
}
