package vn.ehealth.nhr.server.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What scopes a HAPI operation needs on the resource type it addresses.
 *
 * @param kind         how to judge the request
 * @param interactions for {@link Kind#ALL_OF}: every one must be allowed on the type
 * @param why          one line for the log and the documentation
 */
public record InteractionRequirement(Kind kind, Set<SmartInteraction> interactions, String why) {

    public enum Kind {
        /** Every interaction in {@link #interactions()} must be allowed on the addressed type. */
        ALL_OF,
        /** No resource scope needed (the CapabilityStatement). */
        NO_SCOPE,
        /** A transaction or batch: nothing for the Bundle itself, each entry is judged as its own request. */
        PER_ENTRY,
        /** An operation this server has not classified: refused until someone decides what it needs. */
        UNMAPPED
    }

    public InteractionRequirement {
        interactions = interactions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(interactions));
    }

    static InteractionRequirement allOf(String why, SmartInteraction first, SmartInteraction... rest) {
        return new InteractionRequirement(Kind.ALL_OF, EnumSet.of(first, rest), why);
    }

    static InteractionRequirement of(Kind kind, String why) {
        return new InteractionRequirement(kind, Set.of(), why);
    }

    /** Whether these scopes, judged in {@code context}, meet the requirement on {@code resourceType}. */
    public boolean metBy(SmartScopes scopes, ScopeContext context, String resourceType) {
        return switch (kind) {
            case NO_SCOPE -> true;
            case PER_ENTRY, UNMAPPED -> false;
            case ALL_OF -> interactions.stream().allMatch(i -> scopes.permits(context, resourceType, i));
        };
    }
}
