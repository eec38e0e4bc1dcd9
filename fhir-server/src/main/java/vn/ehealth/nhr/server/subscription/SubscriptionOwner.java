package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whom a Subscription reports to: the identity of the token that created it (role, facility,
 * licence, CCCD, SMART scopes, {@code sub}, client), written by the server on
 * {@code Subscription.channel} as extensions, never taken from the client. Every notification is
 * judged by the consent rules as if this owner read the matched resource.
 *
 * <p>On the channel rather than the resource root because HAPI's canonical form of a Subscription
 * keeps the channel's simple extensions, so the delivery check needs no extra database read.
 */
public record SubscriptionOwner(Accessor accessor, String scopes, String subject, String clientId) {

    /** The owner extensions' common URL prefix: anything a client sends under it is dropped. */
    public static final String BASE = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/subscription-owner-";
    static final String KIND = BASE + "kind";
    static final String FACILITY = BASE + "facility";
    static final String LICENCE = BASE + "licence";
    static final String CCCD = BASE + "cccd";
    static final String SCOPE = BASE + "scope";
    static final String SUBJECT = BASE + "subject";
    static final String CLIENT = BASE + "client";

    public SubscriptionOwner {
        Objects.requireNonNull(accessor, "accessor");
        scopes = scopes == null ? "" : scopes;
    }

    /** The owner a request creates: its caller (the sandbox acts as an administrator). */
    public static SubscriptionOwner of(AccessContext caller) {
        return new SubscriptionOwner(caller.accessor(), caller.scopes().toString(), caller.subject(), caller.clientId());
    }

    /** The owner recorded on a stored Subscription, if any. */
    public static Optional<SubscriptionOwner> of(Subscription subscription) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Extension e : subscription.getChannel().getExtension()) {
            if (isOwnerExtension(e.getUrl()) && e.getValue() instanceof StringType s) {
                values.putIfAbsent(e.getUrl(), s.getValue());
            }
        }
        return read(values::get);
    }

    /** The owner of a Subscription as HAPI's delivery pipeline carries it. */
    public static Optional<SubscriptionOwner> of(CanonicalSubscription subscription) {
        return read(subscription::getChannelExtension);
    }

    public static boolean isOwnerExtension(String url) {
        return url != null && url.startsWith(BASE);
    }

    /** Replaces whatever owner the client wrote with this one. */
    public void stampOn(Subscription subscription) {
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.getExtension().removeIf(e -> isOwnerExtension(e.getUrl()));
        add(channel, KIND, accessor.kind().name());
        add(channel, FACILITY, accessor.facilityCode());
        add(channel, LICENCE, accessor.licence());
        add(channel, CCCD, accessor.citizenId());
        add(channel, SCOPE, scopes);
        add(channel, SUBJECT, subject);
        add(channel, CLIENT, clientId);
    }

    /** The context the consent rules judge a notification in: this owner, signed in with the scopes it had. */
    public AccessContext accessContext() {
        return new AccessContext(accessor, SmartScopes.parse(scopes), subject, clientId, null, null, null,
                AccessContext.Mode.SIGNED_IN);
    }

    /** Whether {@code other} is the same person or system (scopes and client aside). */
    public boolean isSameAccessor(Accessor other) {
        return other != null && accessor.kind() == other.kind()
                && Objects.equals(accessor.facilityCode(), other.facilityCode())
                && Objects.equals(accessor.licence(), other.licence())
                && Objects.equals(accessor.citizenId(), other.citizenId());
    }

    private static void add(Subscription.SubscriptionChannelComponent channel, String url, String value) {
        if (value != null && !value.isBlank()) {
            channel.addExtension(url, new StringType(value));
        }
    }

    private static Optional<SubscriptionOwner> read(Function<String, String> value) {
        String kind = value.apply(KIND);
        if (kind == null) {
            return Optional.empty();
        }
        try {
            Accessor accessor = new Accessor(Accessor.Kind.valueOf(kind), value.apply(FACILITY), value.apply(LICENCE),
                    value.apply(CCCD));
            return Optional.of(new SubscriptionOwner(accessor, value.apply(SCOPE), value.apply(SUBJECT), value.apply(CLIENT)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty(); // not written by this server: reports to nobody
        }
    }
}
