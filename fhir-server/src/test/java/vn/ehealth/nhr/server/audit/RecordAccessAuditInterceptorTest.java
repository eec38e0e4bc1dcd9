package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.audit.AuditFixtures.patients;
import static vn.ehealth.nhr.server.audit.AuditFixtures.request;

class RecordAccessAuditInterceptorTest {

    private final AuditFixtures.RecordingSink sink = new AuditFixtures.RecordingSink();
    private final RecordAccessAuditInterceptor interceptor =
            new RecordAccessAuditInterceptor(sink, AuditFixtures.services(AuditFixtures.practitioner()));

    private static Patient patient(String id) {
        Patient p = new Patient();
        p.setId("Patient/" + id + "/_history/2");
        return p;
    }

    private static Observation observationOf(String patientId) {
        Observation o = new Observation();
        o.setId("Observation/o-" + patientId);
        o.setSubject(new Reference("Patient/" + patientId));
        return o;
    }

    private void show(RestOperationTypeEnum operation, String path, IBaseResource... resources) {
        interceptor.shown(new SimplePreResourceShowDetails(List.of(resources)), request(RequestTypeEnum.GET, operation, path));
    }

    @Test
    void everythingGivesEachPatientWhoseDataWasShownAnEventOnTheirLog() {
        show(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient/1/$everything",
                patient("1"), observationOf("1"), observationOf("2"));

        assertThat(sink.events).hasSize(2);
        assertThat(sink.events).extracting(AuditFixtures::patients)
                .containsExactlyInAnyOrder(List.of("Patient/1"), List.of("Patient/2"));
        AuditEvent e = sink.events.get(0);
        assertThat(e.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientQuery");
        assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("extended-operation-instance");
        assertThat(AuditFixtures.query(e)).isEqualTo(AuditFixtures.BASE + "/Patient/1/$everything");
        // the stored narrative, as a reader of the access log gets it
        assertThat(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e))
                .contains("\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">Audit Event</div>\"");
    }

    @Test
    void historyIsAudited() {
        show(RestOperationTypeEnum.HISTORY_INSTANCE, "Patient/7/_history", patient("7"), patient("7"));
        assertThat(sink.events).hasSize(1);
        assertThat(patients(sink.events.get(0))).containsExactly("Patient/7");
        assertThat(sink.events.get(0).getSubtypeFirstRep().getCode()).isEqualTo("history-instance");
    }

    @Test
    void historyOfDataAboutNoPatientIsOneBasicQuery() {
        show(RestOperationTypeEnum.HISTORY_TYPE, "Organization/_history", new Organization().setName("BV Bạch Mai"));
        assertThat(sink.events).hasSize(1);
        assertThat(patients(sink.events.get(0))).isEmpty();
        assertThat(sink.events.get(0).getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.Query");
    }

    @Test
    void whatBalpAuditsAndTerminologyAreLeftAlone() {
        show(RestOperationTypeEnum.READ, "Patient/1", patient("1"));
        show(RestOperationTypeEnum.SEARCH_TYPE, "Observation", observationOf("1"));
        show(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "ValueSet/$expand", new ValueSet());
        show(RestOperationTypeEnum.HISTORY_SYSTEM, "_history", new CodeSystem(), new ValueSet());
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aBulkExportOfNamedPatientsIsOnEachOfTheirLogs() {
        BulkExportJobParameters export = new BulkExportJobParameters();
        export.setPatientIds(List.of("Patient/1", "Patient/2"));
        interceptor.exportStarted(export,
                request(RequestTypeEnum.GET, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient/$export"));

        assertThat(sink.events).extracting(AuditFixtures::patients)
                .containsExactly(List.of("Patient/1"), List.of("Patient/2"));
        assertThat(sink.events.get(0).getSubtypeFirstRep().getCode()).isEqualTo("extended-operation-type");
    }

    @Test
    void aSystemExportIsOneEventAndInternalExportsAreNotCallers() {
        interceptor.exportStarted(new BulkExportJobParameters(),
                request(RequestTypeEnum.GET, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, "$export"));
        interceptor.exportStarted(new BulkExportJobParameters(), new SystemRequestDetails());
        assertThat(sink.events).hasSize(1);
        assertThat(patients(sink.events.get(0))).isEmpty();
    }
}
