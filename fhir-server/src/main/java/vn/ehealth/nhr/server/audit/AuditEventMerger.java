package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One AuditEvent per kind of access in a database transaction, instead of one per resource.
 *
 * <p>HAPI's BALP interceptor records each resource a transaction writes as its own event: a
 * 60-resource citizen Bundle made 60 events, each stored as a full resource, and the access-log
 * writer fell so far behind a load that events were lost. Events of one transaction that say the
 * same thing (same action, outcome, interaction, agents, patients, request) differ only in the
 * resources they name; they become one event naming all of them ({@code entity} with role
 * "domain resource", each once). What the citizen reads stays true and complete: who did what to
 * which of their resources, when, from where; only the grouping changes (ADR 0015).
 */
final class AuditEventMerger {

    private AuditEventMerger() {
    }

    /** The events in their order, those that say the same thing merged into the first of them. */
    static List<AuditEvent> merge(List<AuditEvent> events) {
        if (events.size() < 2) {
            return events;
        }
        Map<String, AuditEvent> byKind = new LinkedHashMap<>();
        Map<String, Set<String>> named = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            String kind = kind(event);
            AuditEvent first = byKind.get(kind);
            if (first == null) {
                byKind.put(kind, event);
                named.put(kind, dataEntities(event).stream().map(AuditEventMerger::what).collect(Collectors.toCollection(HashSet::new)));
                continue;
            }
            Set<String> already = named.get(kind);
            for (AuditEvent.AuditEventEntityComponent data : dataEntities(event)) {
                if (already.add(what(data))) {
                    first.addEntity(data.copy());
                }
            }
        }
        return new ArrayList<>(byKind.values());
    }

    /** Everything but the resources an event names. */
    static String kind(AuditEvent event) {
        StringBuilder k = new StringBuilder();
        k.append(event.getMeta().getProfile().stream().map(p -> p.getValue()).toList()).append('|')
                .append(codes(List.of(event.getType()))).append('|').append(codes(event.getSubtype())).append('|')
                .append(event.getAction()).append('|').append(event.getOutcome()).append('|')
                .append(event.getOutcomeDesc()).append('|').append(event.getPurposeOfEvent().stream()
                        .flatMap(c -> c.getCoding().stream()).map(c -> c.getSystem() + "#" + c.getCode()).toList())
                .append('|').append(event.getMeta().getTag().stream().map(c -> c.getSystem() + "#" + c.getCode()).toList())
                .append('|').append(event.getMeta().getSecurity().stream().map(c -> c.getSystem() + "#" + c.getCode()).toList());
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            k.append("|agent:").append(reference(agent.getWho())).append(',').append(agent.getRequestor())
                    .append(',').append(agent.getType().getCoding().stream().map(c -> c.getCode()).toList())
                    .append(',').append(agent.getNetwork().getAddress());
        }
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            if (!isData(entity)) {
                k.append("|entity:").append(entity.getType().getCode()).append(',').append(entity.getRole().getCode())
                        .append(',').append(what(entity)).append(',').append(entity.getDescription())
                        .append(',').append(entity.hasQuery() ? entity.getQueryElement().getValueAsString() : "");
            }
        }
        return k.toString();
    }

    private static List<AuditEvent.AuditEventEntityComponent> dataEntities(AuditEvent event) {
        return event.getEntity().stream().filter(AuditEventMerger::isData).toList();
    }

    /** A resource the access read or changed (BALP: role 4, domain resource). */
    private static boolean isData(AuditEvent.AuditEventEntityComponent entity) {
        return BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE.equals(entity.getRole().getCode());
    }

    private static String what(AuditEvent.AuditEventEntityComponent entity) {
        return reference(entity.getWhat());
    }

    private static String reference(Reference r) {
        return r.getReference() + "/" + r.getIdentifier().getSystem() + "|" + r.getIdentifier().getValue() + "/" + r.getDisplay();
    }

    private static String codes(List<Coding> codings) {
        return codings.stream().map(c -> c.getSystem() + "#" + c.getCode()).toList().toString();
    }
}
