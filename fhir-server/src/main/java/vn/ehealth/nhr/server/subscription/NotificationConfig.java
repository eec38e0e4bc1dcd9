package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;
import vn.ehealth.nhr.server.consent.RecordAccessRules;

/**
 * Notifications (issue 6, item 7): HAPI's subscription module does the matching (in memory, on
 * every stored write) and the rest-hook delivery on its in-process channels
 * ({@code SubscriptionChannelConfig}, imported with the JPA server); this adds who may subscribe
 * to what ({@link SubscriptionWriteInterceptor}), the consent check and id-only payload at delivery
 * ({@link SubscriptionDeliveryGuard}) and the retry policy ({@link DeliveryRetryPolicy}). The
 * interceptors are registered in {@code RestfulServerConfig}; the supported channel type
 * (rest-hook only) is set on HAPI's {@code SubscriptionSettings} in {@code HapiJpaServerConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationConfig {

    /** Present even when notifications are off, to refuse Subscription writes with a reason. */
    @Bean
    SubscriptionWriteInterceptor subscriptionWriteInterceptor(FhirContext fhirContext, NhrSubscriptionProperties settings,
            ObjectProvider<CitizenRecordLookup> lookup) {
        return new SubscriptionWriteInterceptor(fhirContext, settings, lookup.getIfAvailable());
    }

    /** HAPI's subscription matching and delivery, only when {@code nhr.subscriptions.enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "nhr.subscriptions", name = "enabled", havingValue = "true", matchIfMissing = true)
    @Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
    static class HapiSubscriptionModule {

        /** Replaces HAPI's default policy (SubscriptionChannelConfig injects the primary one into its channel factory). */
        @Bean
        @Primary
        RetryPolicyProvider nhrDeliveryRetryPolicy(NhrSubscriptionProperties settings) {
            return new DeliveryRetryPolicy(settings);
        }

        /** HAPI's processor wants an e-mail sender; only rest-hook Subscriptions are accepted, so none is ever used. */
        @Bean
        IEmailSender nhrNoEmailSender() {
            return details -> {
                throw new UnsupportedOperationException("e-mail notifications are not offered (rest-hook only)");
            };
        }

        @Bean
        SubscriptionDeliveryGuard subscriptionDeliveryGuard(FhirContext fhirContext, DaoRegistry daos,
                ObjectProvider<RecordAccessRules> rules, MeterRegistry meters) {
            return new SubscriptionDeliveryGuard(fhirContext, daos, rules.getIfAvailable(), meters);
        }
    }
}
