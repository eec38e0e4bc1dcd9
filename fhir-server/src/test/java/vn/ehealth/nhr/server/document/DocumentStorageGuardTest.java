package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentStorageGuardTest {

    private final DocumentStorageGuard guard = new DocumentStorageGuard();
    private final Bundle document = DocumentExamples.anDischargeDocument();

    private static ServletRequestDetails as(Accessor accessor) {
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse("system/*.cu"), "sub",
                "client", "user", null, null, AccessContext.Mode.SIGNED_IN));
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServletRequest(http);
        return request;
    }

    @Test
    void aFacilityStoresADocumentOnlyThroughTheDocumentService() {
        ServletRequestDetails request = as(Accessor.emrSystem("01001"));

        assertThatThrownBy(() -> guard.created(document, request)).isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
            OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
            assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-doc-send-as-document");
            assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("POST /Bundle");
        });
        assertThatThrownBy(() -> guard.updated(document, document, request)).isInstanceOf(UnprocessableEntityException.class);

        request.getUserData().put(DischargeDocumentService.STORING_KEY, document);
        assertThatCode(() -> guard.created(document, request)).doesNotThrowAnyException();
    }

    @Test
    void otherBundlesAdministratorsAndInternalWritesPass() {
        Bundle collection = new Bundle().setType(Bundle.BundleType.COLLECTION);
        assertThatCode(() -> guard.created(collection, as(Accessor.emrSystem("01001")))).doesNotThrowAnyException();
        assertThatCode(() -> guard.created(document, as(Accessor.administrator()))).doesNotThrowAnyException();
        assertThatCode(() -> guard.created(document, new SystemRequestDetails())).doesNotThrowAnyException();
        assertThatCode(() -> guard.created(document, null)).doesNotThrowAnyException();
    }
}
