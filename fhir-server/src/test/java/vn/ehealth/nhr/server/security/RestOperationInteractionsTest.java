package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.ALL_OF;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.NO_SCOPE;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.PER_ENTRY;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.UNMAPPED;
import static vn.ehealth.nhr.server.security.RestOperationInteractions.required;
import static vn.ehealth.nhr.server.security.ScopeContext.PATIENT;
import static vn.ehealth.nhr.server.security.ScopeContext.SYSTEM;
import static vn.ehealth.nhr.server.security.ScopeContext.USER;
import static vn.ehealth.nhr.server.security.SmartInteraction.CREATE;
import static vn.ehealth.nhr.server.security.SmartInteraction.DELETE;
import static vn.ehealth.nhr.server.security.SmartInteraction.READ;
import static vn.ehealth.nhr.server.security.SmartInteraction.SEARCH;
import static vn.ehealth.nhr.server.security.SmartInteraction.UPDATE;

class RestOperationInteractionsTest {

    @ParameterizedTest
    @EnumSource(RestOperationTypeEnum.class)
    void everyHapiOperationIsClassifiedWithAReason(RestOperationTypeEnum operation) {
        InteractionRequirement requirement = required(operation, "$everything");

        assertThat(requirement.why()).isNotBlank();
        if (requirement.kind() == ALL_OF) {
            assertThat(requirement.interactions()).isNotEmpty();
        }
    }

    @Test
    void readsSearchesAndWritesNeedTheirLetter() {
        assertThat(required(RestOperationTypeEnum.READ, null).interactions()).containsExactly(READ);
        assertThat(required(RestOperationTypeEnum.VREAD, null).interactions()).containsExactly(READ);
        assertThat(required(RestOperationTypeEnum.SEARCH_TYPE, null).interactions()).containsExactly(SEARCH);
        assertThat(required(RestOperationTypeEnum.SEARCH_SYSTEM, null).interactions()).containsExactly(SEARCH);
        assertThat(required(RestOperationTypeEnum.GET_PAGE, null).interactions()).containsExactly(SEARCH);
        assertThat(required(RestOperationTypeEnum.CREATE, null).interactions()).containsExactly(CREATE);
        assertThat(required(RestOperationTypeEnum.UPDATE, null).interactions()).containsExactly(UPDATE);
        assertThat(required(RestOperationTypeEnum.PATCH, null).interactions()).containsExactly(UPDATE);
        assertThat(required(RestOperationTypeEnum.DELETE, null).interactions()).containsExactly(DELETE);
    }

    @Test
    void historyNeedsReadAndTypeHistoryAlsoSearch() {
        assertThat(required(RestOperationTypeEnum.HISTORY_INSTANCE, null).interactions()).containsExactly(READ);
        assertThat(required(RestOperationTypeEnum.HISTORY_TYPE, null).interactions()).containsExactly(READ, SEARCH);
        assertThat(required(RestOperationTypeEnum.HISTORY_SYSTEM, null).interactions()).containsExactly(READ, SEARCH);
    }

    @Test
    void everythingNeedsReadAndSearchWhateverTheLevelAndSpelling() {
        for (RestOperationTypeEnum level : new RestOperationTypeEnum[]{RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
                RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER}) {
            assertThat(required(level, "$everything").interactions()).containsExactly(READ, SEARCH);
            assertThat(required(level, "everything").interactions()).containsExactly(READ, SEARCH);
        }
        InteractionRequirement everything = required(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "$everything");
        assertThat(everything.metBy(SmartScopes.parse("patient/*.rs"), PATIENT, "Patient")).isTrue();
        assertThat(everything.metBy(SmartScopes.parse("patient/Patient.r"), PATIENT, "Patient"))
                .as("read alone does not give the compartment search").isFalse();
    }

    @Test
    void anXml130ImportIsJudgedPerEntryOfEachEpisodeTransaction() {
        assertThat(required(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, "$import-xml130").kind()).isEqualTo(PER_ENTRY);
    }

    @Test
    void transactionsAreJudgedPerEntryNotAsAWhole() {
        InteractionRequirement transaction = required(RestOperationTypeEnum.TRANSACTION, null);

        assertThat(transaction.kind()).isEqualTo(PER_ENTRY);
        assertThat(required(RestOperationTypeEnum.BATCH, null).kind()).isEqualTo(PER_ENTRY);
        assertThat(transaction.metBy(SmartScopes.parse("system/*.cruds"), SYSTEM, "Bundle"))
                .as("the Bundle itself grants nothing; each entry is checked later").isFalse();
    }

    @Test
    void theCapabilityStatementNeedsNoScope() {
        assertThat(required(RestOperationTypeEnum.METADATA, null).kind()).isEqualTo(NO_SCOPE);
        assertThat(required(RestOperationTypeEnum.METADATA, null).metBy(SmartScopes.parse("openid"), USER, "CapabilityStatement")).isTrue();
    }

    @Test
    void anUnknownOperationIsRefusedUntilClassified() {
        InteractionRequirement unknown = required(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "$reindex");

        assertThat(unknown.kind()).isEqualTo(UNMAPPED);
        assertThat(unknown.why()).contains("$reindex");
        assertThat(unknown.metBy(SmartScopes.parse("user/*.cruds"), USER, "Patient")).isFalse();
        assertThat(required(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null).kind()).isEqualTo(UNMAPPED);
    }

    @Test
    void aCitizenTokenMayReadButNotPatchOrDelete() {
        SmartScopes citizen = SmartScopes.parse("openid patient/*.rs");

        assertThat(required(RestOperationTypeEnum.READ, null).metBy(citizen, PATIENT, "Observation")).isTrue();
        assertThat(required(RestOperationTypeEnum.HISTORY_INSTANCE, null).metBy(citizen, PATIENT, "Observation")).isTrue();
        assertThat(required(RestOperationTypeEnum.PATCH, null).metBy(citizen, PATIENT, "Observation")).isFalse();
        assertThat(required(RestOperationTypeEnum.DELETE, null).metBy(citizen, PATIENT, "Observation")).isFalse();
        assertThat(required(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "$meta-add").metBy(citizen, PATIENT, "Observation")).isFalse();
    }

    @Test
    void terminologyOperationsNeedReadOnTheirType() {
        assertThat(required(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "$expand").interactions()).containsExactly(READ);
        assertThat(required(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "$LOOKUP").interactions()).containsExactly(READ);
    }
}
