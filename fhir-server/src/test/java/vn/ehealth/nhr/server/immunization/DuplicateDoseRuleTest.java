package vn.ehealth.nhr.server.immunization;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Immunization.ImmunizationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Duplicate doses: the rule alone, then the storage hook over stored records without a database. */
class DuplicateDoseRuleTest {

    private static final String VACCINE = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-vaccine";
    private static final String CVX = "http://hl7.org/fhir/sid/cvx";

    private final List<Immunization> stored = new ArrayList<>();
    /** Records locked so far, in order; the stored doses must only be read once the record is locked. */
    private final List<String> locked = new ArrayList<>();
    private final DuplicateDoseInterceptor interceptor = new DuplicateDoseInterceptor(new ImmunizationRecords(null) {
        @Override
        public List<Immunization> candidates(String patientId, List<Coding> vaccine, LocalDate day) {
            assertThat(locked).as("the record is locked before its doses are read").contains(patientId);
            return stored.stream().filter(i -> i.getPatient().getReference().equals("Patient/" + patientId)).toList();
        }

        @Override
        public Optional<String> facilityOfOrganization(String organizationId) {
            return "bv-cho-ray".equals(organizationId) ? Optional.of("79001") : Optional.empty();
        }
    }, locked::add);

    @Test
    void theDayIsTheDayInVietnam() {
        assertThat(DuplicateDoseRule.dayOf(dose("2026-11-20T23:30:00+07:00"))).contains(LocalDate.of(2026, 11, 20));
        assertThat(DuplicateDoseRule.dayOf(dose("2026-11-20T17:30:00Z"))).contains(LocalDate.of(2026, 11, 21));
        assertThat(DuplicateDoseRule.dayOf(dose("2026-11-20"))).contains(LocalDate.of(2026, 11, 20));
        assertThat(DuplicateDoseRule.dayOf(dose("2026-11"))).isEmpty();
    }

    @Test
    void sameCitizenVaccineDayAndFacilityIsADuplicateNamingTheRecordOnFile() {
        Immunization sent = dose("2026-11-20T09:00:00+07:00");
        Immunization existing = dose("2026-11-20T15:00:00+07:00");
        existing.getVaccineCode().getCoding().remove(0); // shares only the CVX coding: still the same vaccine
        RuleViolation v = DuplicateDoseRule.check(sent, Set.of("79001"), existing, Set.of("79001"), "Immunization/9").orElseThrow();
        assertThat(v.rule()).isEqualTo("nhr-imm-duplicate-dose");
        assertThat(v.vietnamese()).contains("Immunization/9", "Patient/be", "2026-11-20", "79001");
        assertThat(v.english()).contains("Immunization/9", "Duplicate dose");

        assertThat(DuplicateDoseRule.check(sent, Set.of("79001"), existing, Set.of("01001"), "x")).as("another facility").isEmpty();
        assertThat(DuplicateDoseRule.check(sent, Set.of("79001"), dose("2026-11-21T09:00:00+07:00"), Set.of("79001"), "x"))
                .as("another day").isEmpty();
        Immunization otherVaccine = dose("2026-11-20T09:00:00+07:00");
        otherVaccine.setVaccineCode(new CodeableConcept(new Coding(VACCINE, "VGB-SS", null)));
        assertThat(DuplicateDoseRule.check(sent, Set.of("79001"), otherVaccine, Set.of("79001"), "x")).as("another vaccine").isEmpty();
        Immunization notDone = dose("2026-11-20T09:00:00+07:00").setStatus(ImmunizationStatus.NOTDONE);
        assertThat(DuplicateDoseRule.check(sent, Set.of("79001"), notDone, Set.of("79001"), "x")).as("not done").isEmpty();
        Immunization inError = dose("2026-11-20T09:00:00+07:00").setStatus(ImmunizationStatus.ENTEREDINERROR);
        assertThat(DuplicateDoseRule.check(sent, Set.of("79001"), inError, Set.of("79001"), "x")).as("entered in error").isEmpty();
    }

    @Test
    void theFacilityIsThePerformerOrganisationElseTheWriter() {
        Immunization byReference = dose("2026-11-20");
        assertThat(DuplicateDoseRule.facilitiesOf(byReference, id -> "bv-cho-ray".equals(id) ? Optional.of("79001") : Optional.empty()))
                .containsExactly("79001");
        Immunization byIdentifier = dose("2026-11-20");
        byIdentifier.getPerformerFirstRep().setActor(new Reference()
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue("01001")));
        assertThat(DuplicateDoseRule.facilitiesOf(byIdentifier, id -> Optional.empty())).containsExactly("01001");
        Immunization bySource = dose("2026-11-20");
        bySource.getPerformer().clear();
        bySource.getMeta().setSource("urn:nhr:facility:79001#request-1");
        assertThat(DuplicateDoseRule.facilitiesOf(bySource, id -> Optional.empty())).containsExactly("79001");
    }

    @Test
    void theStorageHookRefusesASecondRecordOfADoseButNotAnUpdateOfTheSameRecord() {
        Immunization onFile = dose("2026-11-20T09:00:00+07:00");
        onFile.setId("Immunization/9");
        stored.add(onFile);

        assertThatThrownBy(() -> interceptor.beforeCreate(dose("2026-11-20T10:00:00+07:00"), new SystemRequestDetails()))
                .isInstanceOf(ResourceVersionConflictException.class)
                .satisfies(e -> {
                    OperationOutcome oo = (OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome();
                    assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.DUPLICATE);
                    assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-imm-duplicate-dose");
                    assertThat(oo.getIssueFirstRep().getDetails().getText()).contains("Immunization/9");
                });
        Immunization sameRecord = dose("2026-11-20T10:00:00+07:00");
        sameRecord.setId("9");
        assertThatCode(() -> interceptor.beforeUpdate(onFile, sameRecord, new SystemRequestDetails())).doesNotThrowAnyException();
        assertThatCode(() -> interceptor.beforeCreate(dose("2026-11-20T10:00:00+07:00").setStatus(ImmunizationStatus.NOTDONE),
                new SystemRequestDetails())).doesNotThrowAnyException();
    }

    @Test
    void twoRecordsOfOneDoseInOneTransactionAreRefused() {
        Immunization first = dose("2026-11-20T09:00:00+07:00");
        Immunization second = dose("2026-11-20T09:05:00+07:00");
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(first);
        tx.addEntry().setResource(second);
        SystemRequestDetails request = new SystemRequestDetails();
        interceptor.transactionStarts(tx, request);
        assertThatThrownBy(() -> interceptor.beforeCreate(second, request))
                .satisfies(e -> assertThat(((OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome())
                        .getIssueFirstRep().getDetails().getText()).contains("Bundle.entry[0]"));
    }

    private static Immunization dose(String when) {
        Immunization i = new Immunization();
        i.setStatus(ImmunizationStatus.COMPLETED);
        i.setPatient(new Reference("Patient/be"));
        i.setVaccineCode(new CodeableConcept().addCoding(new Coding(VACCINE, "BCG", null)).addCoding(new Coding(CVX, "19", null)));
        i.setOccurrence(new DateTimeType(when));
        i.addPerformer().setActor(new Reference("Organization/bv-cho-ray"));
        return i;
    }
}
