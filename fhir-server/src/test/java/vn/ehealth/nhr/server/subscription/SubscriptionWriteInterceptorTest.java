package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Subscription write hook alone, with the caller put on the request as the token would. */
class SubscriptionWriteInterceptorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** An's Patient is "an". */
    private static final CitizenRecordLookup LOOKUP = new CitizenRecordLookup(null) {
        @Override
        public Set<String> patientIdsOfCitizen(String cccd) {
            return "001085012345".equals(cccd) ? Set.of("an") : Set.of();
        }
    };

    private static SubscriptionWriteInterceptor interceptor(boolean enabled) {
        NhrSubscriptionProperties settings = new NhrSubscriptionProperties();
        settings.setEnabled(enabled);
        settings.setInsecureHttpHosts(List.of("127.0.0.1"));
        return new SubscriptionWriteInterceptor(FHIR, settings, LOOKUP);
    }

    private static ServletRequestDetails as(Accessor accessor, String scopes, String language) {
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse(scopes), "sub",
                "client", "user", null, null, AccessContext.Mode.SIGNED_IN));
        if (language != null) {
            http.addHeader("Accept-Language", language);
        }
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServletRequest(http);
        return request;
    }

    private static Subscription subscription(String criteria) {
        Subscription s = new Subscription().setCriteria(criteria);
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint("https://app.example/hook");
        return s;
    }

    private static String owner(Subscription s, String url) {
        return s.getChannel().getExtensionByUrl(url).getValue().primitiveValue();
    }

    @Test
    void theServerForcesIdOnlyAndRecordsTheOwnerWhateverTheClientWrote() {
        Subscription s = subscription("Immunization?patient=Patient/an");
        s.getChannel().addExtension(SubscriptionOwner.CCCD, new StringType("079301004567"));
        interceptor(true).created(s, as(Accessor.citizen("001085012345"), "patient/*.rs patient/Subscription.cruds", null));

        assertThat(s.getChannel().getPayload()).isEqualTo("application/fhir+json");
        assertThat(owner(s, SubscriptionOwner.KIND)).isEqualTo("CITIZEN");
        assertThat(owner(s, SubscriptionOwner.CCCD)).isEqualTo("001085012345");
        assertThat(owner(s, SubscriptionOwner.SCOPE)).isEqualTo("patient/*.rs patient/Subscription.cruds");
    }

    @Test
    void hapisOwnStatusChangesAndAnAdministratorsEditKeepTheOwner() {
        Subscription stored = subscription("Immunization?patient=Patient/an");
        new SubscriptionOwner(Accessor.citizen("001085012345"), "patient/*.rs", "an", "so-suc-khoe-app").stampOn(stored);

        Subscription activated = stored.copy().setStatus(Subscription.SubscriptionStatus.ACTIVE);
        interceptor(true).updated(stored, activated, new SystemRequestDetails());
        assertThat(owner(activated, SubscriptionOwner.CCCD)).isEqualTo("001085012345");

        Subscription edited = stored.copy();
        edited.getChannel().getExtension().clear();
        interceptor(true).updated(stored, edited, as(Accessor.administrator(), "user/*.cruds", null));
        assertThat(owner(edited, SubscriptionOwner.KIND)).isEqualTo("CITIZEN");
    }

    @Test
    void refusalsNameTheFieldInTheCallersLanguage() {
        Subscription plain = subscription("Immunization?status=completed");
        plain.getChannel().setEndpoint("http://emr.example/hook");
        assertThatThrownBy(() -> interceptor(true).created(plain, as(Accessor.emrSystem("79001"), "system/*.rs system/*.cu", "en")))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue = ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-sub-endpoint-not-https");
                    assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Subscription.channel.endpoint");
                    assertThat(issue.getDetails().getText()).contains("over HTTPS only");
                });

        assertThatThrownBy(() -> interceptor(true).created(subscription("Immunization?status=completed"),
                as(Accessor.citizen("001085012345"), "patient/*.rs patient/Subscription.cruds", null)))
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue = ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-sub-criteria-not-own-record");
                    assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Subscription.criteria");
                    assertThat(issue.getDetails().getText()).contains("Công dân chỉ đăng ký nhận thông báo về hồ sơ của chính mình");
                });
    }

    @Test
    void withNotificationsSwitchedOffEverySubscriptionWriteIsRefused() {
        assertThatThrownBy(() -> interceptor(false).created(subscription("Immunization?status=completed"),
                as(Accessor.emrSystem("79001"), "system/*.rs system/*.cu", null)))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                        .isEqualTo("nhr-sub-disabled"));
    }
}
