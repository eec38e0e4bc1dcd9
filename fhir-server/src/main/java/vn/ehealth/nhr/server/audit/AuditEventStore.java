package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stores AuditEvents through the JPA DAO, as internal work ({@link SystemRequestDetails}): the
 * access rules and the audit interceptors, which only look at HTTP requests, leave it alone, so
 * storing an event is never itself audited.
 *
 * <p>The store checks references on write. An event may name a resource that does not exist (a
 * refused attempt on {@code Patient/999}) or no longer does (the event of a delete is stored after
 * the delete). Such a reference is kept as an identifier instead of a link, and the event stored:
 * losing the whole event would be worse than losing the link.
 */
final class AuditEventStore implements AuditTrail.Writer {

    /** Where an unresolvable reference is kept (value: the reference text, e.g. {@code Patient/999}). */
    static final String UNRESOLVED_REFERENCE_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/sid/unresolved-reference";

    /** HAPI-1094 "Resource Patient/999 not found, specified in path: ..." and HAPI-1096 "... is deleted, ...". */
    private static final Pattern UNRESOLVABLE = Pattern.compile("Resource (\\w+/[^\\s,/]+) (not found|is deleted)");
    private static final int MAX_ATTEMPTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AuditEventStore.class);

    private final Consumer<AuditEvent> create;
    /** Runs its argument in one database transaction (rolled back as a whole if it throws). */
    private final Consumer<Runnable> inOneTransaction;

    AuditEventStore(DaoRegistry daos, IHapiTransactionService transactions) {
        this(event -> daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails()),
                work -> transactions.withSystemRequest().execute(work));
    }

    /** For tests: any way of creating the resource that fails as the DAO does, and of grouping creates. */
    AuditEventStore(Consumer<AuditEvent> create, Consumer<Runnable> inOneTransaction) {
        this.create = create;
        this.inOneTransaction = inOneTransaction;
    }

    /** The batch in one transaction; any refusal rolls it all back and the trail stores them one by one. */
    @Override
    public boolean writeAllOrNone(List<AuditEvent> events) {
        inOneTransaction.accept(() -> events.forEach(create));
        return true;
    }

    @Override
    public void write(AuditEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                create.accept(event);
                return;
            } catch (InvalidRequestException e) {
                Matcher m = UNRESOLVABLE.matcher(String.valueOf(e.getMessage()));
                if (attempt >= MAX_ATTEMPTS || !m.find() || !unlink(event, m.group(1), m.group(2))) {
                    throw e;
                }
                LOG.debug("AuditEvent names {} which is {}; kept as an identifier", m.group(1), m.group(2));
            }
        }
    }

    /** Turns every reference to {@code target} into an identifier; false if there was none. */
    static boolean unlink(AuditEvent event, String target, String why) {
        boolean changed = false;
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            changed |= entity.hasWhat() && unlink(entity.getWhat(), target, why);
        }
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            changed |= agent.hasWho() && unlink(agent.getWho(), target, why);
        }
        return changed;
    }

    private static boolean unlink(Reference reference, String target, String why) {
        if (!reference.hasReference() || !target.equals(reference.getReferenceElement().toUnqualifiedVersionless().getValue())) {
            return false;
        }
        String state = why.contains("deleted") ? "đã xóa / deleted" : "không tồn tại / not found";
        reference.setReference(null);
        reference.setIdentifier(new Identifier().setSystem(UNRESOLVED_REFERENCE_SYSTEM).setValue(target));
        reference.setDisplay(target + " (" + state + ")");
        return true;
    }
}
