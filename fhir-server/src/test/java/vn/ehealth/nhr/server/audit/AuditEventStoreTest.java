package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditEventStoreTest {

    private static AuditEvent deleteOfObservation() {
        AuditEvent event = AuditEvents.event(BalpProfileEnum.PATIENT_DELETE, AuditedRequest.of(
                AuditFixtures.request(RequestTypeEnum.DELETE, RestOperationTypeEnum.DELETE, "Observation/9"),
                AuditFixtures.services(AuditFixtures.practitioner())));
        AuditEvents.addData(event, "Observation/9");
        AuditEvents.addPatient(event, "Patient/1");
        return event;
    }

    @Test
    void anEventAboutADeletedResourceIsStoredWithThatReferenceKeptAsAnIdentifier() {
        List<AuditEvent> stored = new ArrayList<>();
        AuditEventStore store = new AuditEventStore(event -> {
            boolean linksDeleted = event.getEntity().stream().anyMatch(e -> "Observation/9".equals(e.getWhat().getReference()));
            if (linksDeleted) {
                throw new InvalidRequestException(
                        "HAPI-1096: Resource Observation/9 is deleted, specified in path: AuditEvent.entity.what");
            }
            stored.add(event);
        }, Runnable::run);

        store.write(deleteOfObservation());

        AuditEvent e = stored.get(0);
        assertThat(AuditFixtures.patients(e)).containsExactly("Patient/1"); // the patient link is kept
        assertThat(e.getEntity()).anySatisfy(en -> {
            assertThat(en.getWhat().hasReference()).isFalse();
            assertThat(en.getWhat().getIdentifier().getSystem()).isEqualTo(AuditEventStore.UNRESOLVED_REFERENCE_SYSTEM);
            assertThat(en.getWhat().getIdentifier().getValue()).isEqualTo("Observation/9");
            assertThat(en.getWhat().getDisplay()).contains("deleted");
        });
    }

    @Test
    void aRefusedAttemptOnAPatientWhoDoesNotExistIsStillStored() {
        List<AuditEvent> stored = new ArrayList<>();
        AuditEventStore store = new AuditEventStore(event -> {
            if (AuditFixtures.patients(event).contains("Patient/1")) {
                throw new InvalidRequestException(
                        "HAPI-1094: Resource Patient/1 not found, specified in path: AuditEvent.entity.what");
            }
            stored.add(event);
        }, Runnable::run);
        AuditEvent event = deleteOfObservation();
        event.getEntity().removeIf(en -> "Observation/9".equals(en.getWhat().getReference()));

        store.write(event);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getEntity()).anySatisfy(en -> assertThat(en.getWhat().getDisplay()).contains("not found"));
    }

    @Test
    void otherStoreErrorsAreTheWritersToCount() {
        AuditEventStore store = new AuditEventStore(event -> {
            throw new InvalidRequestException("HAPI-0450: something else");
        }, Runnable::run);
        assertThatThrownBy(() -> store.write(deleteOfObservation())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aBatchIsCreatedInsideOneTransaction() {
        List<String> log = new ArrayList<>();
        AuditEventStore store = new AuditEventStore(event -> log.add("create"), work -> {
            log.add("begin");
            work.run();
            log.add("commit");
        });
        assertThat(store.writeAllOrNone(List.of(deleteOfObservation(), deleteOfObservation(), deleteOfObservation()))).isTrue();
        assertThat(log).containsExactly("begin", "create", "create", "create", "commit");
    }
}
