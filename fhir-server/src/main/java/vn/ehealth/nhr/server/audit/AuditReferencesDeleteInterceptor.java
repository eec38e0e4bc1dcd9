package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.interceptor.CascadingDeleteInterceptor;
import ca.uhn.fhir.model.primitive.IdDt;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets a resource be deleted although AuditEvents point at it, and only then: every read is
 * audited, so without this no record anyone had read could ever be deleted (the store refuses to
 * delete a resource others refer to). The events keep their links, so a citizen's log still finds
 * them after the record is gone.
 *
 * <p>Why not HAPI's {@code OverridePathBasedReferentialIntegrityForDeletesInterceptor}: it waves the
 * whole target through as soon as the one referrer HAPI looks at first is an AuditEvent, so an
 * Observation still pointing at a deleted Patient could slip by. Here the audit references are set
 * aside and the store is asked again for any other referrer, which then blocks the delete as usual.
 *
 * <p>Register on the storage interceptor service. Runs before cascading deletes, so {@code
 * _cascade=delete} never deletes audit events.
 */
@Interceptor
public class AuditReferencesDeleteInterceptor {

    /** The first references to {@code target} from resources other than AuditEvents. */
    @FunctionalInterface
    interface OtherReferrers {
        List<DeleteConflict> find(IdDt target, int max);
    }

    private static final int LOOK_AT = 20;

    @PersistenceContext
    private EntityManager entityManager;
    private final OtherReferrers otherReferrers;

    public AuditReferencesDeleteInterceptor() {
        this.otherReferrers = this::query;
    }

    /** For tests: referrers without a database. */
    AuditReferencesDeleteInterceptor(OtherReferrers otherReferrers) {
        this.otherReferrers = otherReferrers;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS,
            order = CascadingDeleteInterceptor.OVERRIDE_PATH_BASED_REF_INTEGRITY_INTERCEPTOR_ORDER)
    public void setAuditReferencesAside(DeleteConflictList conflicts) {
        Set<IdDt> targets = new LinkedHashSet<>();
        for (DeleteConflict conflict : conflicts) {
            if ("AuditEvent".equals(conflict.getSourceId().getResourceType())) {
                targets.add(conflict.getTargetId());
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        conflicts.removeIf(conflict -> "AuditEvent".equals(conflict.getSourceId().getResourceType()));
        List<DeleteConflict> others = new ArrayList<>();
        for (IdDt target : targets) {
            for (DeleteConflict other : otherReferrers.find(target, LOOK_AT)) {
                // as HAPI does: a referrer deleted in the same transaction as its target is no conflict
                if (!(conflicts.isResourceIdMarkedForDeletion(other.getSourceId())
                        && conflicts.isResourceIdMarkedForDeletion(other.getTargetId()))) {
                    others.add(other);
                    break;
                }
            }
        }
        others.forEach(conflicts::add);
    }

    /** The same links HAPI's conflict check reads (unversioned references), without the audit ones. */
    private List<DeleteConflict> query(IdDt target, int max) {
        List<Object[]> rows = entityManager.createQuery(
                        "SELECT l.mySourceResource.myResourceType, l.mySourceResource.myFhirId, l.mySourcePath"
                                + " FROM ResourceLink l"
                                + " WHERE l.myTargetResource.myResourceType = :type AND l.myTargetResource.myFhirId = :id"
                                + " AND l.myTargetResourceVersion IS NULL"
                                + " AND l.mySourceResource.myResourceType <> 'AuditEvent'", Object[].class)
                .setParameter("type", target.getResourceType())
                .setParameter("id", target.getIdPart())
                .setMaxResults(max)
                .getResultList();
        List<DeleteConflict> conflicts = new ArrayList<>();
        for (Object[] row : rows) {
            conflicts.add(new DeleteConflict(new IdDt((String) row[0], (String) row[1]), (String) row[2],
                    target.toUnqualifiedVersionless()));
        }
        return conflicts;
    }
}
