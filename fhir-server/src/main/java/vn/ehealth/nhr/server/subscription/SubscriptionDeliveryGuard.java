package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.messaging.BaseResourceModifiedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ehealth.nhr.server.consent.RecordAccessRules;

import java.util.Optional;

/**
 * The last word before HAPI sends a notification, on its delivery pointcuts:
 * <ul>
 * <li>{@code SUBSCRIPTION_BEFORE_DELIVERY}: the consent rules judge the matched resource (as stored,
 * read again on every attempt, so a Consent revoked meanwhile stops retries) as if the
 * Subscription's owner read it; a resource the owner may not read is withheld, logged and counted
 * ({@code nhr_subscription_notifications_total{outcome="withheld"}}). Deletions are not announced
 * (nothing is left to read).</li>
 * <li>{@code SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY}: the payload becomes the resource's type and id
 * (and version, when the message carries it) only, so HAPI's rest-hook sends
 * {@code PUT <endpoint>/<type>/<id>} without clinical content, whatever the Subscription asked.</li>
 * <li>after: delivered and failed attempts counted (HAPI's channel retries failed ones).</li>
 * </ul>
 */
@Interceptor
public class SubscriptionDeliveryGuard {

    public static final String METRIC = "nhr_subscription_notifications";
    private static final Logger log = LoggerFactory.getLogger(SubscriptionDeliveryGuard.class);

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final RecordAccessRules rules;
    private final Counter delivered;
    private final Counter withheld;
    private final Counter failed;

    /** @param rules the consent rules; null when switched off ({@code nhr.security.access-rules-enabled=false}) */
    public SubscriptionDeliveryGuard(FhirContext fhirContext, DaoRegistry daos, RecordAccessRules rules, MeterRegistry meters) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.rules = rules;
        this.delivered = counter(meters, "delivered");
        this.withheld = counter(meters, "withheld");
        this.failed = counter(meters, "failed-attempt");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(METRIC).tag("outcome", outcome)
                .description("Subscription notifications: delivered, withheld by the consent rules, failed attempts")
                .register(meters);
    }

    @Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
    public boolean beforeDelivery(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
        IIdType id = message.getPayloadId(fhirContext);
        String subscriptionId = subscription.getIdElement(fhirContext).toUnqualifiedVersionless().getValue();
        if (message.getOperationType() == BaseResourceModifiedMessage.OperationTypeEnum.DELETE || id == null) {
            return withhold(subscriptionId, id, "deletions are not announced");
        }
        Optional<SubscriptionOwner> owner = SubscriptionOwner.of(subscription);
        if (owner.isEmpty()) {
            return withhold(subscriptionId, id, "the subscription records no owner");
        }
        if (rules == null) {
            return true; // access rules switched off: benchmarks only
        }
        IBaseResource resource;
        try {
            resource = daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
        } catch (BaseServerResponseException gone) {
            return withhold(subscriptionId, id, "the resource cannot be read any more (" + gone.getStatusCode() + ")");
        }
        RecordAccessRules.Verdict verdict = rules.judge(new SystemRequestDetails(), owner.get().accessContext(), resource);
        if (!verdict.permitted()) {
            return withhold(subscriptionId, id, "its owner may not read it (" + verdict.rule() + ")");
        }
        return true;
    }

    @Hook(Pointcut.SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY)
    public boolean beforeRestHook(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
        IIdType id = message.getPayloadId(fhirContext);
        IBaseResource idOnly = fhirContext.getResourceDefinition(id.getResourceType()).newInstance();
        idOnly.setId(id.toUnqualifiedVersionless());
        if (id.hasVersionIdPart()) {
            idOnly.getMeta().setVersionId(id.getVersionIdPart());
        }
        EncodingEnum encoding = EncodingEnum.forContentType(subscription.getPayloadString());
        message.setPayload(fhirContext, idOnly, encoding == null ? EncodingEnum.JSON : encoding);
        return true;
    }

    @Hook(Pointcut.SUBSCRIPTION_AFTER_REST_HOOK_DELIVERY)
    public void afterRestHook(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
        delivered.increment();
    }

    @Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
    public boolean afterFailure(ResourceDeliveryMessage message, Exception failure) {
        failed.increment();
        log.warn("Notification of {} to Subscription {} failed ({}); HAPI's channel retries it",
                message.getPayloadId(), message.getSubscription() == null ? "?" : message.getSubscription().getIdPart(),
                failure.getMessage());
        return true; // rethrown by HAPI, so the channel's retry policy applies
    }

    private boolean withhold(String subscriptionId, IIdType resource, String why) {
        withheld.increment();
        log.info("Notification of {} to {} withheld: {}",
                resource == null ? "?" : resource.toUnqualifiedVersionless().getValue(), subscriptionId, why);
        return false;
    }
}
