package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Demographic conflicts: the rule alone, then the storage hooks with the caller on the request as the token puts it. */
class DemographicConflictRuleTest {

    private final Patient onFile = citizen("2001", "1979-05-17", AdministrativeGender.FEMALE);

    private final DemographicConflictInterceptor interceptor = new DemographicConflictInterceptor(null) {
        @Override
        protected List<Patient> storedWithCccd(String cccd) {
            return cccd.equals("079179000001") ? List.of(onFile) : List.of();
        }
    };

    @Test
    void changingTheBirthDateOrGenderOfACitizenNamesTheFieldAndBothValues() {
        Patient sent = citizen("2001", "1979-06-17", AdministrativeGender.MALE);
        List<DemographicConflictRule.Conflict> conflicts = DemographicConflictRule.check(onFile, sent, false, true);
        assertThat(conflicts).extracting(DemographicConflictRule.Conflict::path).containsExactly("Patient.birthDate", "Patient.gender");
        assertThat(conflicts.get(0).violation().rule()).isEqualTo("nhr-pat-demographic-conflict");
        assertThat(conflicts.get(0).violation().vietnamese()).contains("ngày sinh (birthDate)", "Patient/2001", "1979-05-17", "1979-06-17");
        assertThat(conflicts.get(0).violation().english()).contains("birth date (birthDate)", "1979-05-17", "1979-06-17");
        assertThat(conflicts.get(1).violation().vietnamese()).contains("giới tính (gender)", "female", "male");
    }

    @Test
    void fillingInAMissingValueIsNoConflictNorIsAPatientWithoutCccd() {
        Patient unknownGender = citizen("2001", "1979-05-17", AdministrativeGender.UNKNOWN);
        assertThat(DemographicConflictRule.check(unknownGender, citizen("2001", "1979-05-17", AdministrativeGender.FEMALE), false, true))
                .isEmpty();
        Patient foreigner = citizen("2002", "1990-01-01", AdministrativeGender.MALE);
        foreigner.getIdentifier().clear();
        assertThat(DemographicConflictRule.check(foreigner, citizen("2002", "1991-01-01", AdministrativeGender.MALE), false, true))
                .isEmpty();
        Patient removed = citizen("2001", null, AdministrativeGender.FEMALE);
        assertThat(DemographicConflictRule.check(onFile, removed, false, true)).hasSize(1);
    }

    @Test
    void aFacilityIsRefusedAnAdministratorAndTheServerItselfAreNot() {
        Patient sent = citizen("2001", "1980-05-17", AdministrativeGender.FEMALE);
        assertThatThrownBy(() -> interceptor.updated(onFile, sent, as(Accessor.emrSystem("79001"), "en")))
                .isInstanceOf(ResourceVersionConflictException.class)
                .satisfies(e -> {
                    OperationOutcome oo = (OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome();
                    assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.CONFLICT);
                    assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-pat-demographic-conflict");
                    assertThat(oo.getIssueFirstRep().getDetails().getText()).contains("may not be changed", "1979-05-17", "1980-05-17");
                    assertThat(oo.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Patient.birthDate");
                });
        assertThatCode(() -> interceptor.updated(onFile, sent, as(Accessor.administrator(), null))).doesNotThrowAnyException();
        assertThatCode(() -> interceptor.updated(onFile, sent, new SystemRequestDetails())).doesNotThrowAnyException();
    }

    @Test
    void aConditionalCreateOfACitizenOnFileWithAnotherBirthDateIsRefusedTellingTheValueOnFileOnlyToItsWriter() {
        onFile.getMeta().setSource("urn:nhr:facility:79001");
        Patient sent = citizen(null, "1979-05-18", AdministrativeGender.FEMALE);
        assertThatThrownBy(() -> interceptor.judgeConditionalCreate(sent, as(Accessor.emrSystem("79001"), null), null))
                .satisfies(e -> assertThat(textOf(e)).contains("Patient/2001", "1979-05-17", "1979-05-18", "If-None-Exist"));
        assertThatThrownBy(() -> interceptor.judgeConditionalCreate(sent, as(Accessor.emrSystem("01001"), null), null))
                .satisfies(e -> assertThat(textOf(e)).contains("Patient/2001", "ngày sinh (birthDate) khác", "1979-05-18")
                        .doesNotContain("1979-05-17"));
        assertThatCode(() -> interceptor.judgeConditionalCreate(citizen(null, "1979-05-17", AdministrativeGender.FEMALE),
                as(Accessor.emrSystem("01001"), null), null)).doesNotThrowAnyException();

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        tx.addEntry().setResource(sent).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|079179000001");
        assertThatThrownBy(() -> interceptor.transaction(tx, as(Accessor.emrSystem("79001"), null)))
                .satisfies(e -> assertThat(((OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome())
                        .getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1].resource.birthDate"));
    }

    private static String textOf(Throwable e) {
        return ((OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome()).getIssueFirstRep().getDetails().getText();
    }

    private static ServletRequestDetails as(Accessor accessor, String language) {
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse("system/*.cu"), "sub",
                "client", "user", null, null, AccessContext.Mode.SIGNED_IN));
        if (language != null) {
            http.addHeader("Accept-Language", language);
        }
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServletRequest(http);
        return request;
    }

    private static Patient citizen(String id, String birthDate, AdministrativeGender gender) {
        Patient p = new Patient();
        p.setId(id);
        p.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue("079179000001");
        if (birthDate != null) {
            p.setBirthDateElement(new DateType(birthDate));
        }
        p.setGender(gender);
        return p;
    }
}
