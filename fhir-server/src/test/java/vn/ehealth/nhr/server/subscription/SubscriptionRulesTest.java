package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final SubscriptionRules RULES = new SubscriptionRules(FHIR, List.of("127.0.0.1"));

    private static final AccessContext AN = new AccessContext(Accessor.citizen("001085012345"),
            SmartScopes.parse("patient/*.rs patient/Subscription.cruds"), "an", "so-suc-khoe-app", null, null, null,
            AccessContext.Mode.SIGNED_IN);
    private static final AccessContext CHO_RAY = new AccessContext(Accessor.emrSystem("79001"),
            SmartScopes.parse("system/*.rs system/*.cu"), "svc", "emr-cho-ray", null, null, null, AccessContext.Mode.SIGNED_IN);
    private static final AccessContext ADMIN = new AccessContext(Accessor.administrator(),
            SmartScopes.parse("user/*.cruds"), "ha", "admin-console", null, null, null, AccessContext.Mode.SIGNED_IN);

    private static Subscription subscription(String criteria, String endpoint) {
        Subscription s = new Subscription().setCriteria(criteria);
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
        return s;
    }

    private static Optional<String> ruleFor(Subscription s, AccessContext caller) {
        return RULES.check(s, caller, cccd -> "001085012345".equals(cccd) ? Set.of("an-1", "an-2") : Set.of())
                .map(SubscriptionRules.Refusal::rule);
    }

    @Test
    void aCitizenSubscribesToTheirOwnCompartmentOnly() {
        assertThat(ruleFor(subscription("Immunization?patient=Patient/an-1", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("Immunization?patient=an-2&status=completed", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("Observation?subject=Patient/an-1&category=laboratory", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("Patient?_id=an-1", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("Composition?patient=Patient/an-1&type=http://loinc.org|18842-5", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("MedicationRequest?subject=Patient/an-2", "https://app.example/h"), AN)).isEmpty();
        assertThat(ruleFor(subscription("AuditEvent?patient=Patient/an-1", "https://app.example/h"), AN)).isEmpty();

        for (String other : List.of("Immunization?status=completed", "Immunization?patient=Patient/bich",
                "Immunization?patient=Patient/an-1,Patient/bich", "Observation?subject=Group/x",
                "Immunization?patient.identifier=http://fhir.ehealth.gov.vn/core/sid/national_id|001085012345",
                "AuditEvent?patient=Patient/bich", "Organization?name=x")) {
            assertThat(ruleFor(subscription(other, "https://app.example/h"), AN)).as(other)
                    .contains("nhr-sub-criteria-not-own-record");
        }
    }

    @Test
    void aFacilitySubscribesToWhatItsScopesReadButNeverToAccessLogs() {
        assertThat(ruleFor(subscription("Immunization?status=completed", "https://emr.example/h"), CHO_RAY)).isEmpty();
        assertThat(ruleFor(subscription("AuditEvent?type=rest", "https://emr.example/h"), CHO_RAY))
                .contains("nhr-sub-criteria-not-readable");
        assertThat(ruleFor(subscription("AuditEvent?type=rest", "https://emr.example/h"), ADMIN)).isEmpty();
        AccessContext appWithoutObservations = new AccessContext(Accessor.citizen("001085012345"),
                SmartScopes.parse("patient/Immunization.rs patient/Subscription.cruds"), "an", "so-suc-khoe-app",
                null, null, null, AccessContext.Mode.SIGNED_IN);
        assertThat(ruleFor(subscription("Observation?patient=Patient/an-1", "https://app.example/h"), appWithoutObservations))
                .contains("nhr-sub-criteria-not-readable");
    }

    @Test
    void criteriaMustNameAResourceType() {
        assertThat(ruleFor(subscription("Nothing?x=1", "https://emr.example/h"), CHO_RAY)).contains("nhr-sub-criteria-invalid");
        assertThat(ruleFor(subscription(null, "https://emr.example/h"), CHO_RAY)).contains("nhr-sub-criteria-invalid");
    }

    @Test
    void endpointsAreHttpsExceptForTheConfiguredHosts() {
        String c = "Immunization?status=completed";
        assertThat(ruleFor(subscription(c, "http://127.0.0.1:8123/hook"), CHO_RAY)).isEmpty();
        assertThat(ruleFor(subscription(c, "http://localhost:8123/hook"), CHO_RAY)).contains("nhr-sub-endpoint-not-https");
        assertThat(ruleFor(subscription(c, "http://emr.example/hook"), CHO_RAY)).contains("nhr-sub-endpoint-not-https");
        for (String bad : new String[] {"ftp://emr.example/hook", "mailto:it@emr.example", "/relative/hook", "https://", "",
                "file:///etc/passwd", "ht tp://x"}) {
            assertThat(ruleFor(subscription(c, bad), CHO_RAY)).as(bad).contains("nhr-sub-endpoint-invalid");
        }
    }

    @Test
    void onlyRestHookAndIdOnlyPayloads() {
        Subscription email = subscription("Immunization?status=completed", "https://emr.example/h");
        email.getChannel().setType(Subscription.SubscriptionChannelType.EMAIL);
        assertThat(ruleFor(email, CHO_RAY)).contains("nhr-sub-channel-not-rest-hook");

        Subscription full = subscription("Immunization?status=completed", "https://emr.example/h");
        full.getChannel().getPayloadElement().setValue("application/fhir+json")
                .addExtension(new Extension(SubscriptionRules.BACKPORT_PAYLOAD_CONTENT, new CodeType("full-resource")));
        assertThat(ruleFor(full, CHO_RAY)).contains("nhr-sub-payload-not-id-only");

        Subscription latest = subscription("Immunization?status=completed", "https://emr.example/h");
        latest.getChannel().addExtension(ca.uhn.fhir.util.HapiExtensions.EXT_SUBSCRIPTION_RESTHOOK_DELIVER_LATEST_VERSION,
                new org.hl7.fhir.r4.model.BooleanType(true));
        assertThat(ruleFor(latest, CHO_RAY)).contains("nhr-sub-payload-not-id-only");

        Subscription text = subscription("Immunization?status=completed", "https://emr.example/h");
        text.getChannel().setPayload("text/plain");
        assertThat(ruleFor(text, CHO_RAY)).contains("nhr-sub-payload-not-id-only");

        Subscription idOnly = subscription("Immunization?status=completed", "https://emr.example/h");
        idOnly.getChannel().getPayloadElement().setValue("application/fhir+xml")
                .addExtension(new Extension(SubscriptionRules.BACKPORT_PAYLOAD_CONTENT, new CodeType("id-only")));
        assertThat(ruleFor(idOnly, CHO_RAY)).isEmpty();
    }

    @Test
    void theOwnerTravelsOnTheChannelAndReplacesWhatTheClientWrote() {
        Subscription s = subscription("Immunization?status=completed", "https://emr.example/h");
        s.getChannel().addExtension(SubscriptionOwner.CCCD, new org.hl7.fhir.r4.model.StringType("079301004567"));
        s.getChannel().addExtension(SubscriptionOwner.KIND, new org.hl7.fhir.r4.model.StringType("ADMINISTRATOR"));
        SubscriptionOwner.of(AN).stampOn(s);

        SubscriptionOwner owner = SubscriptionOwner.of(s).orElseThrow();
        assertThat(owner.accessor()).isEqualTo(Accessor.citizen("001085012345"));
        assertThat(owner.isSameAccessor(Accessor.citizen("001085012345"))).isTrue();
        assertThat(owner.isSameAccessor(Accessor.citizen("079301004567"))).isFalse();
        assertThat(owner.accessContext().scopes().toString()).isEqualTo("patient/*.rs patient/Subscription.cruds");
        assertThat(s.getChannel().getExtension()).filteredOn(e -> e.getUrl().equals(SubscriptionOwner.CCCD)).hasSize(1);
        assertThat(SubscriptionOwner.of(new Subscription())).isEmpty();
    }
}
