package vn.ehealth.nhr.loaders.external;

import java.util.List;

/**
 * What HAPI's terminology loader ({@code TermLoaderSvcImpl}) reads from one official release:
 * the files it insists on and the optional ones it uses when present. The rules mirror HAPI 8.8.0
 * so that a dry run predicts what the server will accept, before a large upload.
 *
 * @param system          the code system URL the upload is sent for
 * @param name            for messages
 * @param byFragment      SNOMED CT files are found by a fragment anywhere in their path (the name
 *                        carries the edition and date); LOINC files by their path relative to the release
 * @param required        each requirement is met when all files of one of its alternatives are present
 * @param optional        files sent when present
 * @param optionalFolders folders whose files are all sent when present (LOINC's linguistic variants)
 */
public record ReleaseSpec(String system, String name, boolean byFragment, List<Requirement> required,
                          List<String> optional, List<String> optionalFolders) {

    /** A requirement met by all files of any one alternative. */
    public record Requirement(List<List<String>> alternatives) {

        static Requirement of(String file) {
            return new Requirement(List.of(List.of(file)));
        }

        /** How the requirement is named in a problem line. */
        public String label() {
            return String.join(" or ", alternatives.stream().map(a -> String.join(" + ", a)).toList());
        }
    }

    /** Whether {@code path} (inside the release, '/'-separated) is the file {@code pattern} names. */
    public boolean matches(String path, String pattern) {
        return byFragment ? path.contains(pattern) : path.equals(pattern) || path.endsWith("/" + pattern);
    }

    /** Whether HAPI reads this file of the release, so it must be sent. */
    public boolean wanted(String path) {
        return required.stream().flatMap(r -> r.alternatives().stream()).flatMap(List::stream)
                        .anyMatch(p -> matches(path, p))
                || optional.stream().anyMatch(p -> matches(path, p))
                || optionalFolders.stream().anyMatch(f -> path.startsWith(f) || path.contains("/" + f));
    }

    /** SNOMED CT RF2: HAPI reads the Full concept, description and relationship files (tab-separated). */
    public static final ReleaseSpec SNOMED_CT = new ReleaseSpec("http://snomed.info/sct", "SNOMED CT", true,
            List.of(Requirement.of("Terminology/sct2_Concept_Full_"),
                    Requirement.of("Terminology/sct2_Description_Full"),
                    Requirement.of("Terminology/sct2_Relationship_Full")),
            List.of(), List.of());

    /**
     * LOINC: HAPI's default file locations (its {@code loincupload.properties}). The group files are
     * listed as optional by HAPI's check but read unconditionally afterwards, so they are required here.
     */
    public static final ReleaseSpec LOINC = new ReleaseSpec("http://loinc.org", "LOINC", false,
            List.of(Requirement.of("loinc.xml"),
                    Requirement.of("LoincTable/Loinc.csv"),
                    Requirement.of("AccessoryFiles/AnswerFile/AnswerList.csv"),
                    Requirement.of("AccessoryFiles/AnswerFile/LoincAnswerListLink.csv"),
                    Requirement.of("AccessoryFiles/DocumentOntology/DocumentOntology.csv"),
                    Requirement.of("AccessoryFiles/MultiAxialHierarchy/MultiAxialHierarchy.csv"),
                    Requirement.of("AccessoryFiles/LoincIeeeMedicalDeviceCodeMappingTable/LoincIeeeMedicalDeviceCodeMappingTable.csv"),
                    Requirement.of("AccessoryFiles/ImagingDocuments/ImagingDocumentCodes.csv"),
                    Requirement.of("AccessoryFiles/PartFile/Part.csv"),
                    Requirement.of("AccessoryFiles/PartFile/PartRelatedCodeMapping.csv"),
                    Requirement.of("AccessoryFiles/LoincRsnaRadiologyPlaybook/LoincRsnaRadiologyPlaybook.csv"),
                    Requirement.of("AccessoryFiles/LoincUniversalLabOrdersValueSet/LoincUniversalLabOrdersValueSet.csv"),
                    Requirement.of("AccessoryFiles/GroupFile/Group.csv"),
                    Requirement.of("AccessoryFiles/GroupFile/GroupLoincTerms.csv"),
                    Requirement.of("AccessoryFiles/GroupFile/ParentGroup.csv"),
                    new Requirement(List.of(
                            List.of("AccessoryFiles/PartFile/LoincPartLink_Primary.csv",
                                    "AccessoryFiles/PartFile/LoincPartLink_Supplementary.csv"),
                            List.of("AccessoryFiles/PartFile/LoincPartLink.csv")))),
            List.of("loincupload.properties",
                    "LoincTable/MapTo.csv",
                    "AccessoryFiles/Top2000Results/SI/Top2000CommonLabResultsSi.csv",
                    "AccessoryFiles/Top2000Results/US/Top2000CommonLabResultsUs.csv",
                    "AccessoryFiles/ConsumerName/ConsumerName.csv"),
            List.of("AccessoryFiles/LinguisticVariants/"));
}
