package vn.ehealth.nhr.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static vn.ehealth.nhr.server.security.SmartInteraction.CREATE;
import static vn.ehealth.nhr.server.security.SmartInteraction.DELETE;
import static vn.ehealth.nhr.server.security.SmartInteraction.READ;
import static vn.ehealth.nhr.server.security.SmartInteraction.SEARCH;
import static vn.ehealth.nhr.server.security.SmartInteraction.UPDATE;

class SmartScopeTest {

    @Test
    void aV2ResourceScopeNamesItsContextTypeAndLetters() {
        SmartScope scope = SmartScope.parse("patient/Observation.rs");

        assertThat(scope.isResourceScope()).isTrue();
        assertThat(scope.context()).isEqualTo(ScopeContext.PATIENT);
        assertThat(scope.resourceType()).isEqualTo("Observation");
        assertThat(scope.interactions()).containsExactly(READ, SEARCH);
        assertThat(scope.v1()).isFalse();
        assertThat(scope.isRestricted()).isFalse();
        assertThat(scope.appliesTo("Observation")).isTrue();
        assertThat(scope.appliesTo("Condition")).isFalse();
    }

    @Test
    void theWildcardTypeAppliesToEveryType() {
        SmartScope scope = SmartScope.parse("user/*.cruds");

        assertThat(scope.context()).isEqualTo(ScopeContext.USER);
        assertThat(scope.interactions()).containsExactly(CREATE, READ, UPDATE, DELETE, SEARCH);
        assertThat(scope.appliesTo("Patient")).isTrue();
        assertThat(scope.appliesTo("AuditEvent")).isTrue();
        assertThat(SmartScope.parse("system/*.rs").context()).isEqualTo(ScopeContext.SYSTEM);
    }

    @Test
    void v1PermissionsAreReadAsTheirV2Equivalents() {
        assertThat(SmartScope.parse("patient/*.read").interactions()).containsExactly(READ, SEARCH);
        assertThat(SmartScope.parse("user/*.write").interactions()).containsExactly(CREATE, UPDATE, DELETE);
        assertThat(SmartScope.parse("user/Observation.*").interactions()).containsExactly(CREATE, READ, UPDATE, DELETE, SEARCH);
        assertThat(SmartScope.parse("patient/*.*").canonical()).isEqualTo("patient/*.cruds");
        assertThat(SmartScope.parse("patient/*.read").v1()).isTrue();
        assertThat(SmartScope.parse("patient/*.read").canonical()).isEqualTo("patient/*.rs");
    }

    @Test
    void aQueryRestrictionIsReadAsSearchParameters() {
        SmartScope scope = SmartScope.parse(
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory&status=final");

        assertThat(scope.isRestricted()).isTrue();
        assertThat(scope.restriction()).containsExactly(
                Map.entry("category", List.of("http://terminology.hl7.org/CodeSystem/observation-category|laboratory")),
                Map.entry("status", List.of("final")));
        assertThat(scope.interactions()).containsExactly(READ, SEARCH);
    }

    @Test
    void percentEscapesInARestrictionAreDecoded() {
        assertThat(SmartScope.parse("patient/Observation.rs?code=http%3A%2F%2Floinc.org%7C2345-7").restriction())
                .containsEntry("code", List.of("http://loinc.org|2345-7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter",
            "offline_access", "online_access", "email"})
    void nonResourceScopesGrantNothingButAreNotErrors(String text) {
        SmartScope scope = SmartScope.parse(text);

        assertThat(scope.kind()).isEqualTo(SmartScope.Kind.NON_RESOURCE);
        assertThat(scope.isResourceScope()).isFalse();
        assertThat(scope.interactions()).isEmpty();
        assertThat(scope.appliesTo("Patient")).isFalse();
    }

    @Test
    void lettersOutOfOrderAreRefusedWithTheCanonicalSpelling() {
        InvalidSmartScopeException e = refused("patient/Observation.sr");

        assertThat(e.violation().rule()).isEqualTo(SmartScope.RULE);
        assertThat(e.violation().english())
                .isEqualTo("SMART scope 'patient/Observation.sr' is malformed: permissions must be in the order c, r, u, d, s: write 'rs', not 'sr'.");
        assertThat(e.violation().vietnamese())
                .isEqualTo("Scope SMART 'patient/Observation.sr' sai: các quyền phải theo thứ tự c, r, u, d, s: viết 'rs', không phải 'sr'.");
        assertThat(e).hasMessage(e.violation().english());
    }

    @Test
    void aRepeatedOrUnknownLetterIsRefused() {
        assertThat(refused("user/*.rrs").violation().english()).contains("permission 'r' is repeated");
        assertThat(refused("user/*.rx").violation().english()).contains("unknown permission 'x'");
        assertThat(refused("user/*.rx").violation().vietnamese()).contains("quyền 'x' không tồn tại");
        assertThat(refused("user/*.RS").violation().english()).contains("unknown permission 'R'");
        assertThat(refused("user/*.").violation().english()).contains("no permissions after the dot");
    }

    @Test
    void aMissingOrMisspeltPartIsNamed() {
        assertThat(refused("patient/Observation").violation().english())
                .contains("the permissions after a dot are missing, e.g. patient/Observation.rs");
        assertThat(refused("patient/Observaton.rs").violation().english())
                .contains("'Observaton' is not a FHIR R4 resource type");
        assertThat(refused("patient/observation.rs").violation().english())
                .contains("'observation' is not a FHIR R4 resource type");
        assertThat(refused("patient/.rs").violation().english()).contains("the resource type before the dot is missing");
        assertThat(refused("Observation.rs").violation().english())
                .contains("the context is missing: write patient/Observation.rs, user/Observation.rs or system/Observation.rs");
        assertThat(refused("*.*").violation().english()).contains("the context is missing");
    }

    @Test
    void anUnknownOrWronglyCasedContextIsRefused() {
        assertThat(refused("Patient/*.rs").violation().english())
                .contains("the context must be lower case: patient/, not Patient/");
        assertThat(refused("practitioner/*.rs").violation().english())
                .contains("unknown context 'practitioner'; only patient/, user/ or system/ exist");
        assertThat(refused("practitioner/*.rs").violation().vietnamese())
                .contains("ngữ cảnh 'practitioner' không tồn tại");
    }

    @Test
    void aMalformedRestrictionIsRefused() {
        assertThat(refused("patient/Observation.rs?").violation().english()).contains("must be parameter=value");
        assertThat(refused("patient/Observation.rs?category").violation().english())
                .contains("restriction 'category' must be parameter=value, e.g. ?category=laboratory");
        assertThat(refused("patient/Observation.rs?category=").violation().english()).contains("must be parameter=value");
        assertThat(refused("patient/Observation.rs?=laboratory").violation().english()).contains("must be parameter=value");
        assertThat(refused("patient/Observation.rs?code=%zz").violation().english()).contains("malformed %-escape");
    }

    @Test
    void aV1ScopeCannotCarryARestriction() {
        assertThat(refused("patient/Observation.read?category=laboratory").violation().english())
                .contains("only SMART v2 scopes (cruds letters) may be restricted by search parameters; write patient/Observation.rs?category=laboratory");
    }

    @Test
    void emptyOrSpacedScopesAreRefused() {
        assertThat(refused("").violation().english()).contains("the scope is empty");
        assertThat(refused("patient/*.rs user/*.rs").violation().english()).contains("cannot contain whitespace");
        assertThatThrownBy(() -> SmartScope.parse(null)).isInstanceOf(InvalidSmartScopeException.class);
    }

    private static InvalidSmartScopeException refused(String text) {
        Throwable thrown = catchThrowable(() -> SmartScope.parse(text));
        assertThat(thrown).as("refusal of %s", text).isInstanceOf(InvalidSmartScopeException.class);
        return (InvalidSmartScopeException) thrown;
    }
}
