package vn.ehealth.nhr.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.HapiExtensions;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartInteraction;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a Subscription may ask for, judged for the caller who writes it (issue 6, item 7):
 * <ol>
 * <li>a rest-hook channel only;</li>
 * <li>an absolute {@code https} endpoint ({@code http} only to the hosts of
 * {@code nhr.subscriptions.insecure-http-hosts});</li>
 * <li>no clinical content in notifications: a full-resource payload (backport
 * {@code payload-content = full-resource}, HAPI's deliver-latest-version or payload-search-criteria)
 * is refused; a FHIR MIME type only picks the encoding of the id-only notification;</li>
 * <li>criteria on a type the caller may read: the token's scopes must allow reading it, access logs
 * only for their citizen, and a citizen's criteria must name their own Patient.</li>
 * </ol>
 * Pure: the caller's own Patient ids come from a function, so the rules are tested without a server.
 */
public final class SubscriptionRules {

    /** One refusal: 422 (content) or 403 (access), naming the element. */
    public record Refusal(String rule, String vietnamese, String english, String expression, boolean forbidden) {
        static Refusal invalid(String rule, String expression, String vietnamese, String english) {
            return new Refusal(rule, vietnamese, english, expression, false);
        }

        static Refusal forbidden(String rule, String expression, String vietnamese, String english) {
            return new Refusal(rule, vietnamese, english, expression, true);
        }
    }

    /** The Subscriptions Backport IG's payload-content extension (on {@code channel.payload}). */
    static final String BACKPORT_PAYLOAD_CONTENT =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";

    private final FhirContext fhirContext;
    private final Set<String> insecureHttpHosts;

    public SubscriptionRules(FhirContext fhirContext, List<String> insecureHttpHosts) {
        this.fhirContext = fhirContext;
        this.insecureHttpHosts = Set.copyOf(insecureHttpHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * The first rule {@code subscription} breaks for {@code caller}, or empty.
     *
     * @param ownPatientIds the Patient ids of a citizen's CCCD (asked only for citizens)
     */
    public Optional<Refusal> check(Subscription subscription, AccessContext caller, Function<String, Set<String>> ownPatientIds) {
        Optional<Refusal> refusal = channel(subscription.getChannel());
        if (refusal.isEmpty()) {
            refusal = criteria(subscription.getCriteria(), caller, ownPatientIds);
        }
        return refusal;
    }

    private Optional<Refusal> channel(Subscription.SubscriptionChannelComponent channel) {
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            return Optional.of(Refusal.invalid("nhr-sub-channel-not-rest-hook", "Subscription.channel.type",
                    "Máy chủ chỉ gửi thông báo qua rest-hook (Subscription.channel.type = rest-hook); đã gửi: "
                            + (channel.hasType() ? channel.getType().toCode() : "không có") + ".",
                    "Only rest-hook notifications are sent (Subscription.channel.type = rest-hook); sent: "
                            + (channel.hasType() ? channel.getType().toCode() : "none") + "."));
        }
        Optional<Refusal> endpoint = endpoint(channel.getEndpoint());
        if (endpoint.isPresent()) {
            return endpoint;
        }
        return payload(channel);
    }

    private Optional<Refusal> endpoint(String endpoint) {
        URI uri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                uri = new URI(endpoint.strip());
            } catch (URISyntaxException malformed) {
                uri = null;
            }
        }
        String scheme = uri == null || uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return Optional.of(Refusal.invalid("nhr-sub-endpoint-invalid", "Subscription.channel.endpoint",
                    "Subscription.channel.endpoint phải là một địa chỉ HTTPS tuyệt đối (https://máy-chủ/đường-dẫn); đã gửi: "
                            + shown(endpoint) + ".",
                    "Subscription.channel.endpoint must be an absolute HTTPS URL (https://host/path); sent: "
                            + shown(endpoint) + "."));
        }
        if ("http".equals(scheme) && !insecureHttpHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of(Refusal.invalid("nhr-sub-endpoint-not-https", "Subscription.channel.endpoint",
                    "Thông báo chỉ được gửi qua HTTPS; Subscription.channel.endpoint " + shown(endpoint)
                            + " dùng http không mã hoá.",
                    "Notifications are sent over HTTPS only; Subscription.channel.endpoint " + shown(endpoint)
                            + " uses unencrypted http."));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> payload(Subscription.SubscriptionChannelComponent channel) {
        Extension content = channel.getPayloadElement().getExtensionByUrl(BACKPORT_PAYLOAD_CONTENT);
        String asked = content != null && content.getValue() != null ? content.getValue().primitiveValue() : null;
        boolean fullContent = "full-resource".equals(asked)
                || channel.getExtension().stream().anyMatch(e -> HapiExtensions.EXT_SUBSCRIPTION_RESTHOOK_DELIVER_LATEST_VERSION.equals(e.getUrl())
                        || HapiExtensions.EXT_SUBSCRIPTION_PAYLOAD_SEARCH_CRITERIA.equals(e.getUrl()));
        if (fullContent) {
            return Optional.of(Refusal.invalid("nhr-sub-payload-not-id-only", "Subscription.channel.payload",
                    "Thông báo không mang nội dung hồ sơ: Subscription.channel.payload chỉ nhận kiểu id-only (loại và id "
                            + "của tài nguyên); bên nhận tự đọc tài nguyên bằng mã truy cập của mình.",
                    "Notifications carry no record content: Subscription.channel.payload may only be id-only (the "
                            + "resource's type and id); the receiver reads the resource with its own token."));
        }
        if (channel.hasPayload() && !isFhirEncoding(channel.getPayload())) {
            return Optional.of(Refusal.invalid("nhr-sub-payload-not-id-only", "Subscription.channel.payload",
                    "Subscription.channel.payload phải là application/fhir+json hoặc application/fhir+xml (mã hoá của thông "
                            + "báo id-only); đã gửi: " + channel.getPayload() + ".",
                    "Subscription.channel.payload must be application/fhir+json or application/fhir+xml (the encoding of "
                            + "the id-only notification); sent: " + channel.getPayload() + "."));
        }
        return Optional.empty();
    }

    static boolean isFhirEncoding(String mimeType) {
        EncodingEnum encoding = EncodingEnum.forContentType(mimeType);
        return encoding == EncodingEnum.JSON || encoding == EncodingEnum.XML;
    }

    private Optional<Refusal> criteria(String criteria, AccessContext caller, Function<String, Set<String>> ownPatientIds) {
        String text = criteria == null ? "" : criteria.strip();
        int question = text.indexOf('?');
        String type = question < 0 ? text : text.substring(0, question);
        if (type.isEmpty() || !fhirContext.getResourceTypes().contains(type)) {
            return Optional.of(Refusal.invalid("nhr-sub-criteria-invalid", "Subscription.criteria",
                    "Subscription.criteria phải có dạng <Loại tài nguyên>?<tham số tìm kiếm> (ví dụ Immunization?patient=Patient/123); "
                            + "đã gửi: " + shown(criteria) + ".",
                    "Subscription.criteria must read <ResourceType>?<search parameters> (e.g. Immunization?patient=Patient/123); "
                            + "sent: " + shown(criteria) + "."));
        }
        Accessor accessor = caller.accessor();
        if (accessor == null || accessor.kind() == Accessor.Kind.ADMINISTRATOR) {
            return Optional.empty();
        }
        boolean citizen = accessor.kind() == Accessor.Kind.CITIZEN;
        if (("AuditEvent".equals(type) && !citizen)
                || !caller.scopes().decide(caller.scopeContext(), type, SmartInteraction.READ).allowed()) {
            return Optional.of(Refusal.forbidden("nhr-sub-criteria-not-readable", "Subscription.criteria",
                    "Bạn không được đọc " + type + " nên không thể đăng ký nhận thông báo về loại này (Subscription.criteria).",
                    "You may not read " + type + ", so you cannot subscribe to it (Subscription.criteria)."));
        }
        if (citizen && !limitedToOwnRecord(type, question < 0 ? "" : text.substring(question + 1),
                ownPatientIds.apply(accessor.citizenId()))) {
            return Optional.of(Refusal.forbidden("nhr-sub-criteria-not-own-record", "Subscription.criteria",
                    "Công dân chỉ đăng ký nhận thông báo về hồ sơ của chính mình: Subscription.criteria phải giới hạn "
                            + "vào Patient của bạn (ví dụ " + type + "?patient=Patient/<id hồ sơ của bạn>); đã gửi: " + shown(criteria) + ".",
                    "A citizen subscribes to their own record only: Subscription.criteria must be limited to your Patient "
                            + "(e.g. " + type + "?patient=Patient/<your record's id>); sent: " + shown(criteria) + "."));
        }
        return Optional.empty();
    }

    /**
     * Whether the query restricts matches to the citizen's own Patient: one of the type's Patient
     * compartment parameters (or {@code _id} on Patient) whose every value names an own Patient.
     * Parameters are ANDed, so one such parameter is enough.
     */
    boolean limitedToOwnRecord(String type, String query, Set<String> own) {
        Set<String> compartmentParams = new HashSet<>();
        if ("Patient".equals(type)) {
            compartmentParams.add("_id");
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        for (RuntimeSearchParam p : definition.getSearchParamsForCompartmentName("Patient")) {
            compartmentParams.add(p.getName());
        }
        for (String usual : List.of("patient", "subject")) { // what apps write, compartment member or not
            if (definition.getSearchParam(usual) != null) {
                compartmentParams.add(usual);
            }
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = decode(pair.substring(0, eq));
            int colon = name.indexOf(':');
            String base = colon < 0 ? name : name.substring(0, colon);
            String modifier = colon < 0 ? "" : name.substring(colon + 1);
            if (!compartmentParams.contains(base) || !(modifier.isEmpty() || modifier.equals("Patient"))) {
                continue;
            }
            String[] values = decode(pair.substring(eq + 1)).split(",");
            boolean allOwn = values.length > 0;
            for (String v : values) {
                allOwn &= namesOwnPatient(v.strip(), own);
            }
            if (allOwn) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesOwnPatient(String value, Set<String> own) {
        if (value.isEmpty() || value.contains("|")) {
            return false;
        }
        IdType id = new IdType(value);
        if (id.hasResourceType() && !"Patient".equals(id.getResourceType())) {
            return false;
        }
        return id.hasIdPart() && own.contains(id.getIdPart());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return s;
        }
    }

    private static String shown(String value) {
        return value == null || value.isBlank() ? "\"\"" : value.strip();
    }
}
