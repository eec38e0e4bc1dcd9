package vn.ehealth.nhr.server.subscription;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Notifications (FHIR R4 rest-hook Subscriptions) for the Sổ Sức khỏe backend and facility EMRs.
 * Env: {@code NHR_SUBSCRIPTIONS_ENABLED}, {@code NHR_SUBSCRIPTIONS_MAX_ATTEMPTS}, ...
 *
 * <p>Retries happen on HAPI's in-process delivery channel: a failed delivery (receiver unreachable,
 * or answering an HTTP error) is tried again after {@code initialBackoff}, each wait
 * {@code backoffMultiplier} times the previous one, at most {@code maxBackoff}, until
 * {@code maxAttempts} attempts in all.
 */
@Validated
@ConfigurationProperties("nhr.subscriptions")
public class NhrSubscriptionProperties {

    /** Accept Subscriptions and deliver notifications; false refuses every Subscription write. */
    private boolean enabled = true;

    /** Attempts per notification, the first one included. */
    @Min(1)
    @Max(20)
    private int maxAttempts = 5;

    /** Wait before the second attempt. */
    @NotNull
    private Duration initialBackoff = Duration.ofSeconds(1);

    /** Each later wait is this many times the previous one. */
    @DecimalMin("1.0")
    @DecimalMax("10.0")
    private double backoffMultiplier = 3.0;

    /** Longest wait between two attempts. */
    @NotNull
    private Duration maxBackoff = Duration.ofMinutes(1);

    /**
     * Host names a rest-hook endpoint may reach over plain {@code http} (development, tests); every
     * other endpoint must be {@code https}. Empty in production.
     */
    @NotNull
    private List<String> insecureHttpHosts = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public List<String> getInsecureHttpHosts() {
        return insecureHttpHosts;
    }

    public void setInsecureHttpHosts(List<String> insecureHttpHosts) {
        this.insecureHttpHosts = insecureHttpHosts == null ? new ArrayList<>()
                : insecureHttpHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }
}
