package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.model.primitive.IdDt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReferencesDeleteInterceptorTest {

    private static final IdDt PATIENT = new IdDt("Patient/1");

    private static List<DeleteConflict> list(DeleteConflictList conflicts) {
        List<DeleteConflict> out = new ArrayList<>();
        conflicts.forEach(out::add);
        return out;
    }

    @Test
    void aRecordOnlyAuditEventsPointAtCanBeDeleted() {
        DeleteConflictList conflicts = new DeleteConflictList();
        conflicts.add(new DeleteConflict(new IdDt("AuditEvent/a1"), "AuditEvent.entity.what", PATIENT));

        new AuditReferencesDeleteInterceptor((target, max) -> List.of()).setAuditReferencesAside(conflicts);

        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void anotherReferrerBehindTheAuditEventsStillBlocksTheDelete() {
        DeleteConflictList conflicts = new DeleteConflictList();
        conflicts.add(new DeleteConflict(new IdDt("AuditEvent/a1"), "AuditEvent.entity.what", PATIENT));
        DeleteConflict observation = new DeleteConflict(new IdDt("Observation/o1"), "Observation.subject", PATIENT);

        new AuditReferencesDeleteInterceptor((target, max) -> List.of(observation)).setAuditReferencesAside(conflicts);

        assertThat(list(conflicts)).containsExactly(observation);
    }

    @Test
    void aReferrerDeletedInTheSameTransactionIsNoConflict() {
        DeleteConflictList conflicts = new DeleteConflictList();
        conflicts.add(new DeleteConflict(new IdDt("AuditEvent/a1"), "AuditEvent.entity.what", PATIENT));
        conflicts.setResourceIdMarkedForDeletion(new IdDt("Observation/o1"));
        conflicts.setResourceIdMarkedForDeletion(PATIENT);
        DeleteConflict observation = new DeleteConflict(new IdDt("Observation/o1"), "Observation.subject", PATIENT);

        new AuditReferencesDeleteInterceptor((target, max) -> List.of(observation)).setAuditReferencesAside(conflicts);

        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void conflictsWithoutAuditEventsAreLeftToHapi() {
        DeleteConflictList conflicts = new DeleteConflictList();
        DeleteConflict encounter = new DeleteConflict(new IdDt("Encounter/e1"), "Encounter.subject", PATIENT);
        conflicts.add(encounter);

        new AuditReferencesDeleteInterceptor((target, max) -> {
            throw new AssertionError("no need to look further");
        }).setAuditReferencesAside(conflicts);

        assertThat(list(conflicts)).containsExactly(encounter);
    }
}
