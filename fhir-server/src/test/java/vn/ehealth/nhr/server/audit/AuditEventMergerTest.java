package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The creates of one citizen's transaction make one access-log entry naming every resource; events
 * that differ in anything but the resources they name (another patient, another outcome) stay apart.
 */
class AuditEventMergerTest {

    private static AuditEvent create(String patient, String resource) {
        AuditEvent event = AuditEvents.event(BalpProfileEnum.PATIENT_CREATE, AuditedRequest.of(
                AuditFixtures.request(RequestTypeEnum.POST, RestOperationTypeEnum.TRANSACTION, ""),
                AuditFixtures.services(AuditFixtures.practitioner())));
        AuditEvents.addPatient(event, patient);
        AuditEvents.addData(event, resource);
        return event;
    }

    private static List<String> data(AuditEvent event) {
        return event.getEntity().stream().filter(e -> "4".equals(e.getRole().getCode()))
                .map(e -> e.getWhat().getReference()).toList();
    }

    @Test
    void theCreatesOfOneCitizensTransactionBecomeOneEventNamingEveryResource() {
        List<AuditEvent> merged = AuditEventMerger.merge(List.of(create("Patient/1", "Encounter/10"),
                create("Patient/1", "Condition/11"), create("Patient/1", "Observation/12"), create("Patient/1", "Condition/11")));
        assertThat(merged).hasSize(1);
        assertThat(data(merged.get(0))).containsExactly("Encounter/10", "Condition/11", "Observation/12");
        assertThat(AuditFixtures.patients(merged.get(0))).containsExactly("Patient/1");
    }

    @Test
    void eventsAboutAnotherCitizenOrWithAnotherOutcomeStayApart() {
        AuditEvent failed = create("Patient/1", "Observation/13");
        AuditEvents.failed(failed, "refused");
        List<AuditEvent> merged = AuditEventMerger.merge(List.of(create("Patient/1", "Encounter/10"),
                create("Patient/2", "Encounter/20"), failed, create("Patient/1", "Condition/11")));
        assertThat(merged).hasSize(3);
        assertThat(data(merged.get(0))).containsExactly("Encounter/10", "Condition/11");
        assertThat(data(merged.get(1))).containsExactly("Encounter/20");
        assertThat(data(merged.get(2))).containsExactly("Observation/13");
    }
}
