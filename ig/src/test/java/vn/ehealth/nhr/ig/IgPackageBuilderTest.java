package vn.ehealth.nhr.ig;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrProfiles;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class IgPackageBuilderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theShippedPackageIsAValidNpmFhirPackageNamedForTheGuide() throws Exception {
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(NhrImplementationGuide.packageBytes()));

        assertThat(npm.name()).isEqualTo("vn.ehealth.nhr");
        assertThat(npm.canonical()).isEqualTo("http://fhir.ehealth.gov.vn/nhr");
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.version()).isNotBlank();
    }

    @Test
    void thePackageHoldsEveryProfileAndTerminologyResourcePlusTheGuide() throws Exception {
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(new IgPackageBuilder(FHIR).build("1.2.3")));

        int expected = NhrProfiles.CONTENT.files().size() + NhrTerminology.CONTENT.files().size() + 1;
        assertThat(npm.list("package")).filteredOn(f -> f.endsWith(".json") && !f.equals("package.json"))
                .hasSize(expected)
                .contains("NamingSystem-vn-nhr-sid-national-id.json", "CodeSystem-vn-encounter-type.json");
        assertThat(npm.listResources("CodeSystem")).hasSize(NhrTerminology.CATALOGUES.size() + 5) // + administrative units, ICD-10, technical services, ICD-9-CM, facility level
                .contains("CodeSystem-vn-encounter-type.json", "CodeSystem-vn-ethnic-group.json",
                        "CodeSystem-vn-administrative-units.json", "CodeSystem-icd10-vn.json",
                        "CodeSystem-vn-technical-service.json", "CodeSystem-icd9cm-vol3-vn.json");
        assertThat(npm.listResources("ValueSet")).contains("ValueSet-vn-nationality.json");

        try (InputStream in = npm.loadResource("ImplementationGuide-vn.ehealth.nhr.json")) {
            ImplementationGuide ig = FHIR.newJsonParser().parseResource(ImplementationGuide.class, in);
            assertThat(ig.getUrl()).isEqualTo(NhrImplementationGuide.IG_URL);
            assertThat(ig.getVersion()).isEqualTo("1.2.3");
            assertThat(ig.getDefinition().getResource()).hasSize(expected - 1)
                    .anySatisfy(r -> assertThat(r.getReference().getReference()).isEqualTo("CodeSystem/vn-encounter-type"));
        }
    }

    @Test
    void snapshotPackagesCarryAContentHashSoChangedContentGetsANewVersion() throws Exception {
        byte[] a = new IgPackageBuilder(FHIR).build("0.1.0-SNAPSHOT");
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(a));
        assertThat(npm.version()).matches("0\\.1\\.0-snapshot\\.[0-9a-f]{8}");
        // same content, same version: restarting a server does not reinstall anything
        assertThat(NpmPackage.fromPackage(new ByteArrayInputStream(new IgPackageBuilder(FHIR).build("0.1.0-SNAPSHOT")))
                .version()).isEqualTo(npm.version());
    }

    @Test
    void mavenSnapshotVersionsBecomeNpmPrereleases() {
        assertThat(NhrImplementationGuide.npmVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0-snapshot");
        assertThat(NhrImplementationGuide.npmVersion("1.0.0")).isEqualTo("1.0.0");
    }
}
