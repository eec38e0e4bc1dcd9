package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;
import vn.ehealth.nhr.server.consent.RequestAccessCache;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.AccessRefusal;
import vn.ehealth.nhr.server.validation.RequestLanguage;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.util.Optional;
import java.util.Set;

/**
 * Every Subscription write (create, update, PATCH, transaction entry), on the storage hooks after
 * {@code RecordWriteRules} (who may write at all) and before HAPI's own Subscription validation:
 * {@link SubscriptionRules} for the caller, id-only delivery forced (a missing
 * {@code channel.payload} becomes {@code application/fhir+json}, the encoding of the id-only
 * notification), and the caller recorded as the owner ({@link SubscriptionOwner}), replacing
 * whatever owner the client wrote. Refusals are thrown before storage: nothing is stored.
 *
 * <p>Internal writes (HAPI activating a Subscription, start-up) have no caller and keep the owner
 * on file. An administrator changing someone else's Subscription keeps its owner too.
 */
@Interceptor
public class SubscriptionWriteInterceptor {

    private final FhirContext fhirContext;
    private final NhrSubscriptionProperties settings;
    private final SubscriptionRules rules;
    private final CitizenRecordLookup lookup;

    /** @param lookup CCCD → Patients; null when the access rules are switched off (benchmarks) */
    public SubscriptionWriteInterceptor(FhirContext fhirContext, NhrSubscriptionProperties settings, CitizenRecordLookup lookup) {
        this.fhirContext = fhirContext;
        this.settings = settings;
        this.rules = new SubscriptionRules(fhirContext, settings.getInsecureHttpHosts());
        this.lookup = lookup;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -50)
    public void created(IBaseResource resource, RequestDetails request) {
        if (resource instanceof Subscription subscription) {
            judge(request, null, subscription);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -50)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        if (resource instanceof Subscription subscription) {
            judge(request, previous instanceof Subscription p ? p : null, subscription);
        }
    }

    private void judge(RequestDetails request, Subscription previous, Subscription subscription) {
        Optional<AccessContext> caller = AccessContexts.of(request);
        if (caller.isEmpty()) {
            keepOwner(previous, subscription); // HAPI's own status changes, internal jobs
            return;
        }
        if (!settings.isEnabled()) {
            refuse(request, new SubscriptionRules.Refusal("nhr-sub-disabled",
                    "Máy chủ này không bật thông báo (nhr.subscriptions.enabled=false); không nhận Subscription.",
                    "Notifications are switched off on this server (nhr.subscriptions.enabled=false); Subscriptions are not accepted.",
                    "Subscription", false));
        }
        AccessContext context = caller.get();
        if (context.accessor() == null) {
            return; // anonymous or unknown role: RecordWriteRules has refused it already
        }
        SubscriptionRules.Refusal refusal = rules.check(subscription, context, cccd -> ownPatients(request, cccd)).orElse(null);
        if (refusal != null) {
            refuse(request, refusal);
        }
        if (!subscription.getChannel().hasPayload()) {
            subscription.getChannel().setPayload(Constants.CT_FHIR_JSON_NEW);
        }
        SubscriptionOwner writer = SubscriptionOwner.of(context);
        Optional<SubscriptionOwner> onFile = previous == null ? Optional.empty() : SubscriptionOwner.of(previous);
        if (context.isSandbox() || writer.accessor().kind() != vn.ehealth.nhr.server.consent.Accessor.Kind.ADMINISTRATOR
                || onFile.isEmpty()) {
            writer.stampOn(subscription);
        } else {
            onFile.get().stampOn(subscription);
        }
    }

    private Set<String> ownPatients(RequestDetails request, String cccd) {
        return lookup == null ? Set.of() : RequestAccessCache.of(request).ownPatientIds(cccd, lookup);
    }

    private static void keepOwner(Subscription previous, Subscription subscription) {
        Optional<SubscriptionOwner> onFile = previous == null ? Optional.empty() : SubscriptionOwner.of(previous);
        if (onFile.isPresent()) {
            onFile.get().stampOn(subscription);
        } else if (previous != null) {
            subscription.getChannel().getExtension().removeIf(e -> SubscriptionOwner.isOwnerExtension(e.getUrl()));
        }
    }

    private void refuse(RequestDetails request, SubscriptionRules.Refusal refusal) {
        if (refusal.forbidden()) {
            ForbiddenOperationException e = AccessRefusal.forbidden(request, refusal.rule(), refusal.vietnamese(), refusal.english());
            ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep()
                    .addExpression(refusal.expression()).addLocation(refusal.expression());
            throw e;
        }
        OperationOutcome outcome = new OperationOutcome();
        WriteValidationOutcome.addIssue(outcome, new RuleViolation(refusal.rule(), refusal.vietnamese(), refusal.english()),
                OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.INVALID, RequestLanguage.of(request),
                refusal.expression());
        throw new UnprocessableEntityException(fhirContext, outcome);
    }
}
