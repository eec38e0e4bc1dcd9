package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * How HAPI's in-process channels retry a message whose handler failed: a rest-hook delivery the
 * receiver refused (HTTP error) or could not take (unreachable) is tried again with exponential
 * back-off, {@code nhr.subscriptions.*}. HAPI's default is "keep trying for a minute, waits of
 * about a second"; a count and growing waits suit a receiver that is down for a while.
 *
 * <p>HAPI gives one retry policy to every in-process channel, so it also governs the subscription
 * matching queue and the batch-job work notifications; those fail only when the database does.
 */
public class DeliveryRetryPolicy extends RetryPolicyProvider {

    private final NhrSubscriptionProperties settings;

    public DeliveryRetryPolicy(NhrSubscriptionProperties settings) {
        this.settings = settings;
    }

    @Override
    protected RetryPolicy retryPolicy() {
        return new SimpleRetryPolicy(settings.getMaxAttempts());
    }

    @Override
    protected BackOffPolicy backOffPolicy() {
        ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
        backOff.setInitialInterval(Math.max(1, settings.getInitialBackoff().toMillis()));
        backOff.setMultiplier(settings.getBackoffMultiplier());
        backOff.setMaxInterval(Math.max(backOff.getInitialInterval(), settings.getMaxBackoff().toMillis()));
        return backOff;
    }
}
