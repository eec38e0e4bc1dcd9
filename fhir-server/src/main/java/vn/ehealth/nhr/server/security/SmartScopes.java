package vn.ehealth.nhr.server.security;

import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scopes granted in one access token, and what they allow.
 * <p>
 * Permissions of several scopes add up ({@code patient/Observation.r} + {@code patient/*.s} allow
 * both read and search of Observation). When several scopes cover a request the strongest wins: an
 * unrestricted scope beats restricted ones ({@code patient/Observation.rs} makes
 * {@code patient/Observation.rs?category=laboratory} irrelevant); when only restricted scopes cover
 * it, each restriction is an alternative. Scopes of one context never speak for another:
 * {@code user/*.rs} says nothing about a request judged in the patient context.
 */
public final class SmartScopes {

    private final List<SmartScope> scopes;

    private SmartScopes(List<SmartScope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /**
     * Reads a space-separated {@code scope} claim. A token carrying one malformed scope is refused as
     * a whole ({@link InvalidSmartScopeException} names that scope): its issuer is misconfigured,
     * and guessing what it meant could grant too much.
     */
    public static SmartScopes parse(String scopeClaim) {
        if (scopeClaim == null || scopeClaim.isBlank()) {
            return new SmartScopes(List.of());
        }
        return of(List.of(scopeClaim.trim().split("\\s+")));
    }

    /** Reads scopes given one per element (a JSON array claim such as {@code scp}). */
    public static SmartScopes of(Collection<String> scopes) {
        List<SmartScope> parsed = new ArrayList<>();
        for (String scope : scopes) {
            parsed.add(SmartScope.parse(scope));
        }
        return new SmartScopes(parsed);
    }

    public List<SmartScope> all() {
        return scopes;
    }

    public List<SmartScope> resourceScopes() {
        return scopes.stream().filter(SmartScope::isResourceScope).toList();
    }

    /** Whether the token carries this scope exactly ({@code openid}, {@code offline_access}…). */
    public boolean has(String scope) {
        return scopes.stream().anyMatch(s -> s.text().equals(scope));
    }

    public boolean permits(ScopeContext context, String resourceType, SmartInteraction interaction) {
        return decide(context, resourceType, interaction).allowed();
    }

    /** What the scopes of {@code context} say about {@code interaction} on {@code resourceType}. */
    public ScopeDecision decide(ScopeContext context, String resourceType, SmartInteraction interaction) {
        List<SmartScope> matching = scopes.stream()
                .filter(s -> s.context() == context && s.appliesTo(resourceType) && s.allows(interaction))
                .toList();
        if (matching.isEmpty()) {
            return new ScopeDecision(false, context, resourceType, interaction, List.of(),
                    refusal(context, resourceType, interaction));
        }
        Optional<SmartScope> unrestricted = matching.stream().filter(s -> !s.isRestricted()).findFirst();
        return new ScopeDecision(true, context, resourceType, interaction,
                unrestricted.map(List::of).orElse(matching), null);
    }

    /**
     * The strongest decision over every context the token holds scopes in: allowed beats refused,
     * unrestricted beats restricted, and a user or system scope beats a patient scope (it is not
     * confined to one patient's compartment). When nothing allows it, the refusal is stated in the
     * token's first resource context (patient if it has none).
     */
    public ScopeDecision strongest(String resourceType, SmartInteraction interaction) {
        List<ScopeContext> contexts = scopes.stream().filter(SmartScope::isResourceScope)
                .map(SmartScope::context).distinct().toList();
        return contexts.stream()
                .map(context -> decide(context, resourceType, interaction))
                .max(Comparator.comparing(ScopeDecision::allowed)
                        .thenComparing(d -> !d.restricted())
                        .thenComparing(d -> d.context() != ScopeContext.PATIENT))
                .orElseGet(() -> decide(ScopeContext.PATIENT, resourceType, interaction));
    }

    /**
     * Which launch context confines this token: {@link ScopeContext#PATIENT} when it holds any
     * {@code patient/} scope — the token must then name its patient (the {@code patient} launch
     * context, here the citizen whose CCCD it carries), and every request a patient scope allows is
     * limited to that patient's compartment. Empty when it holds only user and system scopes, which
     * are bounded by who the user or system is (facility, consent), not by a launch context.
     */
    public Optional<ScopeContext> launchContextCompartment() {
        return scopes.stream().anyMatch(s -> s.context() == ScopeContext.PATIENT)
                ? Optional.of(ScopeContext.PATIENT) : Optional.empty();
    }

    @Override
    public String toString() {
        return scopes.stream().map(SmartScope::text).collect(Collectors.joining(" "));
    }

    private RuleViolation refusal(ScopeContext context, String resourceType, SmartInteraction interaction) {
        String granted = scopes.stream().filter(s -> s.context() == context).map(SmartScope::text)
                .collect(Collectors.joining(" "));
        String needed = context.prefix() + "/" + resourceType + "." + interaction.letter();
        return new RuleViolation(ScopeDecision.RULE,
                "Token không có scope SMART cho phép " + interaction.vietnamese() + " (" + interaction.letter() + ") "
                        + resourceType + " trong ngữ cảnh " + context.prefix() + "/; scope " + context.prefix() + "/ đã cấp: "
                        + (granted.isEmpty() ? "không có" : granted) + ". Cần một scope như " + needed + ".",
                "The token's SMART scopes do not allow " + interaction.english() + " (" + interaction.letter() + ") of "
                        + resourceType + " in the " + context.prefix() + "/ context; " + context.prefix() + "/ scopes granted: "
                        + (granted.isEmpty() ? "none" : granted) + ". A scope such as " + needed + " is needed.");
    }
}
