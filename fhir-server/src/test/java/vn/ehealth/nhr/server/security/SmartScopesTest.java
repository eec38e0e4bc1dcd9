package vn.ehealth.nhr.server.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ehealth.nhr.server.security.ScopeContext.PATIENT;
import static vn.ehealth.nhr.server.security.ScopeContext.SYSTEM;
import static vn.ehealth.nhr.server.security.ScopeContext.USER;
import static vn.ehealth.nhr.server.security.SmartInteraction.CREATE;
import static vn.ehealth.nhr.server.security.SmartInteraction.DELETE;
import static vn.ehealth.nhr.server.security.SmartInteraction.READ;
import static vn.ehealth.nhr.server.security.SmartInteraction.SEARCH;
import static vn.ehealth.nhr.server.security.SmartInteraction.UPDATE;

class SmartScopesTest {

    @Test
    void aCitizenAppWithPatientReadSearchMayReadAndSearchButNotWrite() {
        SmartScopes citizen = SmartScopes.parse("openid fhirUser launch/patient offline_access patient/*.rs");

        assertThat(citizen.permits(PATIENT, "Observation", READ)).isTrue();
        assertThat(citizen.permits(PATIENT, "Condition", SEARCH)).isTrue();
        assertThat(citizen.permits(PATIENT, "Observation", CREATE)).isFalse();
        assertThat(citizen.permits(PATIENT, "Patient", UPDATE)).isFalse();
        assertThat(citizen.permits(PATIENT, "Consent", DELETE)).isFalse();
    }

    @Test
    void theRefusalSaysWhatWasAskedWhatWasGrantedAndWhatWouldDo() {
        ScopeDecision decision = SmartScopes.parse("openid patient/*.rs").decide(PATIENT, "Observation", CREATE);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.grantedBy()).isEmpty();
        assertThat(decision.refusal().rule()).isEqualTo(ScopeDecision.RULE);
        assertThat(decision.refusal().english()).isEqualTo(
                "The token's SMART scopes do not allow create (c) of Observation in the patient/ context; "
                        + "patient/ scopes granted: patient/*.rs. A scope such as patient/Observation.c is needed.");
        assertThat(decision.refusal().vietnamese()).isEqualTo(
                "Token không có scope SMART cho phép tạo (c) Observation trong ngữ cảnh patient/; "
                        + "scope patient/ đã cấp: patient/*.rs. Cần một scope như patient/Observation.c.");
        assertThat(decision.refusal().message("en-US")).isEqualTo(decision.refusal().english());
    }

    @Test
    void aResourceScopeCoversOnlyItsType() {
        SmartScopes clinician = SmartScopes.parse("openid user/Observation.cruds");

        assertThat(clinician.permits(USER, "Observation", DELETE)).isTrue();
        assertThat(clinician.permits(USER, "Patient", DELETE)).isFalse();
        assertThat(clinician.permits(USER, "Patient", READ)).isFalse();
        assertThat(clinician.decide(USER, "Patient", DELETE).refusal().english())
                .contains("do not allow delete (d) of Patient")
                .contains("user/ scopes granted: user/Observation.cruds");
    }

    @Test
    void scopesOfOneContextSayNothingAboutAnother() {
        SmartScopes scopes = SmartScopes.parse("user/*.cruds");

        assertThat(scopes.permits(USER, "Observation", READ)).isTrue();
        assertThat(scopes.permits(PATIENT, "Observation", READ)).isFalse();
        assertThat(scopes.permits(SYSTEM, "Observation", READ)).isFalse();
        assertThat(scopes.decide(SYSTEM, "Observation", READ).refusal().english()).contains("system/ scopes granted: none");
    }

    @Test
    void permissionsOfSeveralScopesAddUp() {
        SmartScopes scopes = SmartScopes.parse("patient/Observation.r patient/*.s");

        assertThat(scopes.permits(PATIENT, "Observation", READ)).isTrue();
        assertThat(scopes.permits(PATIENT, "Observation", SEARCH)).isTrue();
        assertThat(scopes.permits(PATIENT, "Condition", SEARCH)).isTrue();
        assertThat(scopes.permits(PATIENT, "Condition", READ)).isFalse();
    }

    @Test
    void v1AndV2ScopesMeanTheSame() {
        SmartScopes v1 = SmartScopes.parse("patient/*.read user/*.write");
        SmartScopes v2 = SmartScopes.parse("patient/*.rs user/*.cud");

        for (ScopeContext context : ScopeContext.values()) {
            for (SmartInteraction interaction : SmartInteraction.values()) {
                assertThat(v1.permits(context, "Encounter", interaction))
                        .as("%s %s", context, interaction)
                        .isEqualTo(v2.permits(context, "Encounter", interaction));
            }
        }
        assertThat(v1.permits(USER, "Encounter", SEARCH)).as("write is not read").isFalse();
    }

    @Test
    void aRestrictedScopeNarrowsSearchesByParametersAndReadsByMatching() {
        SmartScopes lab = SmartScopes.parse("system/*.rs?category=laboratory");

        ScopeDecision search = lab.decide(SYSTEM, "Observation", SEARCH);
        assertThat(search.allowed()).isTrue();
        assertThat(search.restricted()).isTrue();
        assertThat(search.enforcement()).isEqualTo(ScopeDecision.Enforcement.ADDED_TO_SEARCH);
        assertThat(search.restrictions()).containsExactly(Map.of("category", List.of("laboratory")));

        ScopeDecision read = lab.decide(SYSTEM, "Observation", READ);
        assertThat(read.allowed()).isTrue();
        assertThat(read.enforcement()).as("no query to add to: the resource itself must match")
                .isEqualTo(ScopeDecision.Enforcement.RESOURCE_MUST_MATCH);

        assertThat(lab.permits(SYSTEM, "Observation", CREATE)).isFalse();
    }

    @Test
    void theStrongestMatchingScopeWinsAnUnrestrictedOneLiftsTheRestriction() {
        SmartScopes scopes = SmartScopes.parse("patient/Observation.rs?category=laboratory patient/Observation.rs");

        ScopeDecision decision = scopes.decide(PATIENT, "Observation", SEARCH);
        assertThat(decision.restricted()).isFalse();
        assertThat(decision.enforcement()).isEqualTo(ScopeDecision.Enforcement.NONE);
        assertThat(decision.grantedBy()).extracting(SmartScope::text).containsExactly("patient/Observation.rs");
    }

    @Test
    void severalRestrictedScopesAreAlternatives() {
        SmartScopes scopes = SmartScopes.parse(
                "patient/Observation.rs?category=laboratory patient/Observation.rs?category=vital-signs patient/Condition.rs");

        ScopeDecision decision = scopes.decide(PATIENT, "Observation", SEARCH);
        assertThat(decision.restricted()).isTrue();
        assertThat(decision.restrictions()).containsExactly(
                Map.of("category", List.of("laboratory")), Map.of("category", List.of("vital-signs")));
        assertThat(scopes.decide(PATIENT, "Condition", SEARCH).restricted()).isFalse();
    }

    @Test
    void aWildcardRestrictedScopeAndAnUnrestrictedTypeScopeCombine() {
        SmartScopes scopes = SmartScopes.parse("user/*.rs?_security=N user/Observation.rs");

        assertThat(scopes.decide(USER, "Observation", READ).restricted()).isFalse();
        assertThat(scopes.decide(USER, "Condition", READ).restricted()).isTrue();
    }

    @Test
    void patientScopesConfineTheRequestToThePatientsCompartment() {
        SmartScopes citizen = SmartScopes.parse("openid patient/*.rs");
        SmartScopes clinician = SmartScopes.parse("openid user/*.rs");
        SmartScopes system = SmartScopes.parse("system/*.rs");

        assertThat(citizen.launchContextCompartment()).contains(PATIENT);
        assertThat(citizen.decide(PATIENT, "Observation", READ).compartmentLimited()).isTrue();
        assertThat(clinician.launchContextCompartment()).isEmpty();
        assertThat(clinician.decide(USER, "Observation", READ).compartmentLimited()).isFalse();
        assertThat(system.launchContextCompartment()).isEmpty();
        assertThat(SmartScopes.parse("openid fhirUser launch/patient").launchContextCompartment())
                .as("launch/patient asks for a context but grants no resource").isEmpty();
    }

    @Test
    void acrossContextsAUserScopeBeatsAPatientScope() {
        SmartScopes mixed = SmartScopes.parse("patient/*.rs user/Practitioner.rs");

        assertThat(mixed.strongest("Practitioner", READ).context()).isEqualTo(USER);
        assertThat(mixed.strongest("Practitioner", READ).compartmentLimited()).isFalse();
        assertThat(mixed.strongest("Observation", READ).context()).isEqualTo(PATIENT);
        assertThat(mixed.strongest("Observation", READ).compartmentLimited()).isTrue();
        assertThat(mixed.strongest("Observation", DELETE).allowed()).isFalse();
        assertThat(SmartScopes.parse("openid").strongest("Observation", READ).allowed()).isFalse();
    }

    @Test
    void aTokenWithoutResourceScopesAllowsNothing() {
        SmartScopes scopes = SmartScopes.parse("openid fhirUser profile email offline_access");

        assertThat(scopes.resourceScopes()).isEmpty();
        assertThat(scopes.has("offline_access")).isTrue();
        for (ScopeContext context : ScopeContext.values()) {
            for (SmartInteraction interaction : SmartInteraction.values()) {
                assertThat(scopes.permits(context, "Patient", interaction)).isFalse();
            }
        }
        assertThat(SmartScopes.parse(null).all()).isEmpty();
        assertThat(SmartScopes.parse("  ").all()).isEmpty();
    }

    @Test
    void aTokenWithOneMalformedScopeIsRefusedAsAWhole() {
        assertThatThrownBy(() -> SmartScopes.parse("openid patient/*.rs user/*.sr"))
                .isInstanceOf(InvalidSmartScopeException.class)
                .hasMessageContaining("'user/*.sr'")
                .hasMessageContaining("write 'rs', not 'sr'");
    }

    @Test
    void extraSpacesBetweenScopesAreTolerated() {
        assertThat(SmartScopes.parse("  openid   patient/*.rs\t").all()).extracting(SmartScope::text)
                .containsExactly("openid", "patient/*.rs");
        assertThat(SmartScopes.of(List.of("openid", "system/*.rs")).permits(SYSTEM, "Encounter", SEARCH)).isTrue();
    }
}
