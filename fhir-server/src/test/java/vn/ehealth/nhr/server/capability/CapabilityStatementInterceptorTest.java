package vn.ehealth.nhr.server.capability;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.info.BuildProperties;
import vn.ehealth.nhr.server.ig.InstalledGuides;

import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityStatementInterceptorTest {

    @Test
    void namesTheSoftwareWithItsBuildVersionAndListsInstalledGuides() {
        Properties build = new Properties();
        build.setProperty("version", "1.4.2");
        InstalledGuides guides = new InstalledGuides() {
            @Override
            public java.util.List<String> canonicals() {
                return java.util.List.of("http://fhir.ehealth.gov.vn/nhr/ImplementationGuide/vn.ehealth.nhr|1.4.2");
            }
        };
        CapabilityStatement cs = new CapabilityStatement();
        cs.addImplementationGuide("http://stale.example/ig");

        new CapabilityStatementInterceptor(Optional.of(new BuildProperties(build)), guides).describeServer(cs);

        assertThat(cs.getSoftware().getName()).contains("Hồ sơ sức khỏe điện tử").contains("national health record");
        assertThat(cs.getSoftware().getVersion()).isEqualTo("1.4.2");
        assertThat(cs.getImplementationGuide()).extracting(c -> c.getValue())
                .containsExactly("http://fhir.ehealth.gov.vn/nhr/ImplementationGuide/vn.ehealth.nhr|1.4.2");
    }

    @Test
    void eachProfiledTypeNamesTheNationalProfileItIsHeldTo() {
        CapabilityStatement cs = new CapabilityStatement();
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest();
        rest.addResource().setType("Patient");
        rest.addResource().setType("Bundle");
        rest.addResource().setType("Observation");

        new CapabilityStatementInterceptor(Optional.empty(), new InstalledGuides()).describeServer(cs);

        assertThat(rest.getResource().get(0).getSupportedProfile()).extracting(c -> c.getValue())
                .containsExactly("http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-patient");
        assertThat(rest.getResource().get(1).getSupportedProfile()).extracting(c -> c.getValue())
                .containsExactly("http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-discharge-document");
        assertThat(rest.getResource().get(2).getSupportedProfile()).isEmpty();
    }

    @Test
    void withoutBuildInformationTheVersionSaysDevelopment() {
        CapabilityStatement cs = new CapabilityStatement();
        new CapabilityStatementInterceptor(Optional.empty(), new InstalledGuides()).describeServer(cs);
        assertThat(cs.getSoftware().getVersion()).isEqualTo("development");
    }
}
