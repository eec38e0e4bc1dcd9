package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.consent.DataCategoryCatalogue.ResourceCategories;
import vn.ehealth.nhr.terminology.NhrTerminology;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.*;

class DataCategoryCatalogueTest {

    private static final DataCategoryCatalogue CATALOGUE = DataCategoryCatalogue.shipped(FHIR);

    @Test
    void readsTypesAndRangesFromTheShippedCodeSystem() {
        assertThat(CATALOGUE.category("medications").resourceTypes())
                .containsExactlyInAnyOrder("MedicationRequest", "MedicationStatement", "MedicationDispense");
        assertThat(CATALOGUE.category("hiv").icd10Ranges()).hasToString("[B20-B24, Z21]");
        assertThat(CATALOGUE.category("hiv").english()).isEqualTo("HIV/AIDS");
        assertThat(CATALOGUE.isSensitive("reproductive-health")).isTrue();
        assertThat(CATALOGUE.isSensitive("sensitive")).isTrue();
        assertThat(CATALOGUE.isSensitive("all")).isFalse();
        assertThat(CATALOGUE.isSensitive("diagnoses")).isFalse();
    }

    @Test
    void classifiesByTypeAndSensitiveCodes() {
        assertThat(CATALOGUE.classify(anEncounter()).categories()).containsExactlyInAnyOrder("all", "encounters");
        ResourceCategories depression = CATALOGUE.classify(anDepression());
        assertThat(depression.categories()).containsExactlyInAnyOrder("all", "diagnoses", "mental-health", "sensitive");
        assertThat(depression.sensitive()).containsExactly("mental-health");
        assertThat(CATALOGUE.classify(bichGastroenteritis()).isSensitive()).isFalse();
        assertThat(CATALOGUE.classify(bichDelivery()).sensitive()).containsExactly("reproductive-health");
        // codes as hospitals write them, in any element
        Observation hiv = new Observation();
        hiv.getValueCodeableConcept().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10").setCode("b201");
        assertThat(CATALOGUE.classify(hiv).sensitive()).containsExactly("hiv");
        assertThat(CATALOGUE.classify(hiv).categories()).contains("lab-results");
        Condition n97 = new Condition().setCode(icd10("N97.0", "Vô sinh nữ"));
        assertThat(CATALOGUE.classify(n97).sensitive()).containsExactly("reproductive-health");
    }

    @Test
    void aDocumentIsSensitiveWhenAnEntryIs() {
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        document.addEntry().setResource(bichDelivery());
        ResourceCategories c = CATALOGUE.classify(document);
        assertThat(c.categories()).contains("documents", "reproductive-health");
    }

    @Test
    void aContainedResourceMakesItsContainerSensitive() {
        org.hl7.fhir.r4.model.DiagnosticReport report = new org.hl7.fhir.r4.model.DiagnosticReport();
        Condition depression = anDepression();
        depression.setId("#dx");
        report.addContained(depression);
        assertThat(CATALOGUE.classify(report).sensitive()).containsExactly("mental-health");
        // and a document holding such a report
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        document.addEntry().setResource(report);
        assertThat(CATALOGUE.classify(document).sensitive()).containsExactly("mental-health");
    }

    @Test
    void followsTheCatalogueNotAHardCodedList() {
        CodeSystem cs = NhrTerminology.codeSystem(FHIR, DataCategoryCatalogue.CODE_SYSTEM_ID);
        cs.getConcept().stream().filter(c -> c.getCode().equals("mental-health")).findFirst().orElseThrow()
                .getProperty().stream().filter(p -> p.getCode().equals("icd10-ranges")).findFirst().orElseThrow()
                .setValue(new StringType("F00-F99; G30"));
        DataCategoryCatalogue amended = new DataCategoryCatalogue(FHIR, cs);
        Condition alzheimer = new Condition().setCode(icd10("G30.1", "Bệnh Alzheimer khởi phát muộn"));
        assertThat(amended.classify(alzheimer).sensitive()).containsExactly("mental-health");
        assertThat(CATALOGUE.classify(alzheimer).isSensitive()).isFalse();
    }

    @Test
    void icd10Ranges() {
        assertThat(Icd10Range.parseList("O00-O99; Z30-Z39; N97")).hasSize(3);
        Icd10Range f = Icd10Range.parseList("F00-F99").get(0);
        assertThat(f.contains("F32.1")).isTrue();
        assertThat(f.contains("F99")).isTrue();
        assertThat(f.contains("G00")).isFalse();
        assertThat(f.contains("not a code")).isFalse();
        assertThat(Icd10Range.parseList("Z21").get(0).contains("Z21")).isTrue();
        assertThat(Icd10Range.parseList("Z21").get(0).contains("Z22")).isFalse();
    }
}
