package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A restricted SMART scope ({@code patient/Observation.rs?category=laboratory}) allows only the
 * resources matching its query: checked on each resource read or written with HAPI's in-memory
 * search-parameter matcher, the same semantics as a search. Restrictions of several granting
 * scopes are alternatives.
 */
public class ScopeRestrictionMatcher {

    private final SearchParamMatcher matcher;

    public ScopeRestrictionMatcher(SearchParamMatcher matcher) {
        this.matcher = matcher;
    }

    /** Whether the scopes of {@code caller} allow {@code interaction} on this very resource. */
    public boolean allows(AccessContext caller, String type, SmartInteraction interaction, IBaseResource resource) {
        ScopeDecision decision = caller.scopes().decide(caller.scopeContext(), type, interaction);
        if (!decision.allowed()) {
            return false;
        }
        if (!decision.restricted()) {
            return true;
        }
        return decision.restrictions().stream().anyMatch(r -> matches(type, r, resource));
    }

    private boolean matches(String type, Map<String, List<String>> restriction, IBaseResource resource) {
        String query = restriction.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        var result = matcher.match(type + "?" + query, resource, null);
        return result.supported() && result.matched(); // a restriction the matcher cannot judge allows nothing
    }
}
