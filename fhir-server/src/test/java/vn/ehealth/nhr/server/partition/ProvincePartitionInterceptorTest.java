package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.ReadPartitionIdRequestDetails;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProvincePartitionInterceptorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HCM_CCCD = "079188001234";   // TP Hồ Chí Minh (079), woman born 1988
    private static final String HANOI_CCCD = "001075004321"; // Hà Nội (001), man born 1975

    private final PartitionSettings settings = new PartitionSettings().setPartitioningEnabled(true).setUnnamedPartitionMode(true)
            .setDefaultPartitionId(0);
    private final ProvincePartitions provinces = new ProvincePartitions(settings);
    /** What is "on file": type/id → stored partition id (null = default). */
    private final Map<String, Integer> onFile = new HashMap<>();
    private int conditionalLookUps;
    private final StoredPartitions stored = new StoredPartitions() {
        @Override
        public Optional<RequestPartitionId> partitionOf(String type, String id) {
            String key = type + "/" + id;
            return onFile.containsKey(key) ? Optional.of(provinces.partition(onFile.get(key))) : Optional.empty();
        }

        @Override
        public Optional<RequestPartitionId> partitionOfPatientMatching(String conditionalUrl) {
            conditionalLookUps++;
            return Optional.of(provinces.partition(5));
        }
    };
    private final ProvincePartitionInterceptor interceptor = new ProvincePartitionInterceptor(FHIR, provinces, stored);

    @Test
    void aPatientGoesToThePartitionOfTheProvinceCodedInItsCccd() {
        RequestPartitionId hcm = interceptor.identifyForCreate(citizen(HCM_CCCD), new SystemRequestDetails());
        RequestPartitionId hanoi = interceptor.identifyForCreate(citizen(HANOI_CCCD), new SystemRequestDetails());

        assertThat(hcm.getFirstPartitionIdOrNull()).isEqualTo(79);
        assertThat(hcm.getFirstPartitionNameOrNull()).isEqualTo("province-079");
        assertThat(hanoi.getFirstPartitionIdOrNull()).isEqualTo(1);
        assertThat(hanoi.getFirstPartitionNameOrNull()).isEqualTo("province-001");
    }

    @Test
    void aPatientWithoutAWellFormedCccdGoesToTheDefaultPartition() {
        Patient noCccd = new Patient();
        noCccd.addIdentifier().setSystem("http://fhir.ehealth.gov.vn/core/sid/bhyt").setValue("DN4797912345678");

        assertThat(interceptor.identifyForCreate(noCccd, null).getFirstPartitionIdOrNull()).isZero();
        assertThat(interceptor.identifyForCreate(citizen("12345"), null).getFirstPartitionIdOrNull()).isZero();
    }

    @Test
    void aRecordFollowsItsPatientToThePartitionWhereThePatientIsStored() {
        onFile.put("Patient/42", 79);
        Encounter visit = new Encounter();
        visit.setSubject(new Reference("Patient/42"));
        visit.addParticipant().setIndividual(new Reference("Practitioner/bs-le-van-cuong"));

        assertThat(interceptor.identifyForCreate(visit, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isEqualTo(79);
    }

    @Test
    void aPractitionerNamedInACompartmentParameterDoesNotPullTheRecordElsewhere() {
        onFile.put("Patient/42", 1);
        onFile.put("Practitioner/7", 79);
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/42"));
        diagnosis.setAsserter(new Reference("Practitioner/7"));

        assertThat(interceptor.identifyForCreate(diagnosis, null).getFirstPartitionIdOrNull()).isEqualTo(1);
    }

    @Test
    void inATransactionRecordsFollowThePatientCreatedInItThroughItsUrnUuid() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = citizen(HCM_CCCD);
        tx.addEntry().setFullUrl("urn:uuid:6f0e2c3a-0000-4000-8000-000000000001").setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + HCM_CCCD);
        Encounter visit = new Encounter();
        visit.setSubject(new Reference("urn:uuid:6f0e2c3a-0000-4000-8000-000000000001"));
        tx.addEntry().setFullUrl("urn:uuid:6f0e2c3a-0000-4000-8000-000000000002").setResource(visit).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Observation pulse = new Observation();
        pulse.setSubject(new Reference("urn:uuid:6f0e2c3a-0000-4000-8000-000000000001"));
        pulse.setEncounter(new Reference("urn:uuid:6f0e2c3a-0000-4000-8000-000000000002"));
        SystemRequestDetails request = new SystemRequestDetails();

        interceptor.rememberTransactionPatients(request, tx);

        assertThat(interceptor.identifyForCreate(visit, request).getFirstPartitionIdOrNull()).isEqualTo(79);
        assertThat(interceptor.identifyForCreate(pulse, request).getFirstPartitionIdOrNull()).isEqualTo(79);
    }

    @Test
    void dosesAndPrescriptionsOfATransactionFollowItsPatientToo() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setFullUrl("urn:uuid:6f0e2c3a-0000-4000-8000-000000000011").setResource(citizen(HANOI_CCCD))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Immunization dose = new Immunization();
        dose.setPatient(new Reference("urn:uuid:6f0e2c3a-0000-4000-8000-000000000011"));
        MedicationRequest prescription = new MedicationRequest();
        prescription.setSubject(new Reference("urn:uuid:6f0e2c3a-0000-4000-8000-000000000011"));
        prescription.setRequester(new Reference("Practitioner/bs-le-van-cuong"));
        SystemRequestDetails request = new SystemRequestDetails();

        interceptor.rememberTransactionPatients(request, tx);

        assertThat(interceptor.identifyForCreate(dose, request).getFirstPartitionIdOrNull()).isEqualTo(1);
        assertThat(interceptor.identifyForCreate(prescription, request).getFirstPartitionIdOrNull()).isEqualTo(1);
    }

    @Test
    void aConditionalReferenceByCccdNamesTheProvinceWithoutALookUp() {
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "%7C" + HANOI_CCCD));

        assertThat(interceptor.identifyForCreate(diagnosis, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isEqualTo(1);
        assertThat(conditionalLookUps).isZero();
    }

    @Test
    void anyOtherConditionalReferenceIsResolvedToThePatientItMatches() {
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient?identifier=http://fhir.ehealth.gov.vn/core/sid/bhyt|DN4797912345678"));

        assertThat(interceptor.identifyForCreate(diagnosis, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isEqualTo(5);
        assertThat(conditionalLookUps).isEqualTo(1);
    }

    @Test
    void anUpdateKeepsTheResourceInThePartitionWhereItIsStored() {
        onFile.put("Patient/nguyen-van-an", 0); // stored in the default partition (before it had a CCCD)
        Patient an = citizen(HANOI_CCCD);
        an.setId("Patient/nguyen-van-an");

        assertThat(interceptor.identifyForCreate(an, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isZero();
    }

    @Test
    void theDirectoryCataloguesAndSubscriptionsStayInTheDefaultPartition() {
        for (var shared : new org.hl7.fhir.r4.model.Resource[] {new Organization(), new Practitioner(), new CodeSystem(),
                new Subscription()}) {
            assertThat(interceptor.identifyForCreate(shared, new SystemRequestDetails()).getFirstPartitionIdOrNull())
                    .as(shared.fhirType()).isZero();
        }
    }

    @Test
    void aRecordAboutNoCitizenGoesToTheDefaultPartition() {
        AuditEvent login = new AuditEvent();
        login.addAgent().setWho(new Reference("Practitioner/7"));

        assertThat(interceptor.identifyForCreate(login, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isZero();
    }

    @Test
    void aRecordAboutCitizensOfTwoProvincesGoesToTheDefaultPartition() {
        onFile.put("Patient/a", 79);
        onFile.put("Patient/b", 1);
        Provenance merge = new Provenance();
        merge.addTarget(new Reference("Patient/a"));
        merge.addTarget(new Reference("Patient/b"));

        assertThat(interceptor.identifyForCreate(merge, new SystemRequestDetails()).getFirstPartitionIdOrNull()).isZero();
    }

    @Test
    void readsAndSearchesSeeEveryPartition() {
        assertThat(interceptor.identifyForRead(ReadPartitionIdRequestDetails.forSearchType("Encounter", null, null))
                .isAllPartitions()).isTrue();
        assertThat(interceptor.identifyForRead(ReadPartitionIdRequestDetails.forRead(new IdType("Encounter/9")))
                .isAllPartitions()).isTrue();
    }

    private static Patient citizen(String cccd) {
        Patient p = new Patient();
        p.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(cccd);
        return p;
    }
}
