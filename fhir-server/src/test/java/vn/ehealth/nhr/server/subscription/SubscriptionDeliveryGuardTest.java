package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.messaging.BaseResourceModifiedMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionDeliveryGuardTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SubscriptionDeliveryGuard guard = new SubscriptionDeliveryGuard(FHIR, null, null, meters);

    private static ResourceDeliveryMessage delivery(BaseResourceModifiedMessage.OperationTypeEnum operation) {
        Immunization dose = new Immunization();
        dose.setId(new IdType("Immunization", "123", "2"));
        dose.setPatient(new Reference("Patient/nguyen-van-an"));
        dose.setVaccineCode(new CodeableConcept().setText("BCG"));
        ResourceDeliveryMessage message = new ResourceDeliveryMessage();
        message.setPayload(FHIR, dose, EncodingEnum.JSON);
        message.setOperationType(operation);
        CanonicalSubscription subscription = new CanonicalSubscription();
        subscription.setIdElement(new IdType("Subscription/s1"));
        subscription.setPayloadString("application/fhir+json");
        subscription.setChannelExtensions(java.util.Map.of()); // as HAPI's canonicalizer leaves a Subscription without extensions
        message.setSubscription(subscription);
        return message;
    }

    private double counted(String outcome) {
        return meters.counter(SubscriptionDeliveryGuard.METRIC, "outcome", outcome).count();
    }

    @Test
    void itsHooksFitHapisDeliveryPointcuts() {
        new InterceptorService().registerInterceptor(guard); // HAPI refuses a hook whose signature does not fit
    }

    @Test
    void theRestHookCarriesTheTypeAndIdOnly() {
        ResourceDeliveryMessage message = delivery(BaseResourceModifiedMessage.OperationTypeEnum.CREATE);
        assertThat(guard.beforeRestHook(message.getSubscription(), message)).isTrue();

        String sent = message.getPayloadString();
        assertThat(sent).contains("\"resourceType\":\"Immunization\"", "\"id\":\"123\"")
                .doesNotContain("nguyen-van-an", "BCG", "patient", "vaccineCode");
        assertThat(message.getPayloadId(FHIR).getValue()).isEqualTo("Immunization/123");
    }

    @Test
    void deletionsAndSubscriptionsWithoutOwnerAreWithheldAndCounted() {
        ResourceDeliveryMessage deleted = delivery(BaseResourceModifiedMessage.OperationTypeEnum.DELETE);
        assertThat(guard.beforeDelivery(deleted.getSubscription(), deleted)).isFalse();
        ResourceDeliveryMessage noOwner = delivery(BaseResourceModifiedMessage.OperationTypeEnum.CREATE);
        assertThat(guard.beforeDelivery(noOwner.getSubscription(), noOwner)).isFalse();
        assertThat(counted("withheld")).isEqualTo(2.0);
    }
}
