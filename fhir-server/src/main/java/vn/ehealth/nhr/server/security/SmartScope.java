package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.context.FhirContext;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One scope string of an access token, read per SMART App Launch v2.
 * <ul>
 * <li>Resource scopes: {@code <context>/<ResourceType|*>.<permissions>[?<query>]}, e.g.
 * {@code patient/Observation.rs}, {@code user/*.cruds}, {@code system/*.rs},
 * {@code patient/Observation.rs?category=laboratory}. v2 permissions are letters of {@code cruds}
 * in that order, each at most once. v1 permissions are still understood: {@code read} = {@code rs},
 * {@code write} = {@code cud}, {@code *} = {@code cruds}; a v1 scope cannot carry a query.</li>
 * <li>Non-resource scopes ({@code openid}, {@code fhirUser}, {@code profile}, {@code launch},
 * {@code launch/patient}, {@code offline_access}, and any other OpenID Connect scope without a
 * slash, such as Keycloak's {@code email}) grant no access to resources: {@link Kind#NON_RESOURCE}.</li>
 * </ul>
 * Anything that looks like a resource scope but is not one ({@code patient/Observation},
 * {@code patient/Observation.sr}, {@code patient/Observaton.rs}, {@code Patient/*.rs}) is refused
 * by {@link #parse} with a message in Vietnamese and English ({@link InvalidSmartScopeException}):
 * a misspelt scope must not silently grant less, or more, than its author meant.
 */
public record SmartScope(
        String text,
        Kind kind,
        ScopeContext context,
        String resourceType,
        Set<SmartInteraction> interactions,
        Map<String, List<String>> restriction,
        boolean v1) {

    /** Rule key of every parse refusal (OperationOutcome issue details, tests). */
    public static final String RULE = "nhr-smart-scope-syntax";

    /** The resource type wildcard. */
    public static final String ANY_TYPE = "*";

    public enum Kind { RESOURCE, NON_RESOURCE }

    private static final Pattern LOOKS_LIKE_RESOURCE_SCOPE = Pattern.compile("[A-Za-z*]+\\.[A-Za-z*]+(\\?.*)?");
    private static final Pattern RESOURCE_TYPE_SHAPE = Pattern.compile("[A-Z][A-Za-z]*");

    public SmartScope {
        interactions = interactions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(interactions));
        restriction = Collections.unmodifiableMap(new LinkedHashMap<>(restriction));
    }

    /** Reads one scope (no spaces); throws {@link InvalidSmartScopeException} if it is malformed. */
    public static SmartScope parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "scope rỗng", "the scope is empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "một scope không được chứa khoảng trắng (các scope cách nhau bởi dấu cách trong claim scope)",
                    "a scope cannot contain whitespace (scopes are separated by spaces in the scope claim)");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            if (LOOKS_LIKE_RESOURCE_SCOPE.matcher(text).matches()) {
                throw invalid(text, "thiếu ngữ cảnh: viết patient/" + text + ", user/" + text + " hoặc system/" + text,
                        "the context is missing: write patient/" + text + ", user/" + text + " or system/" + text);
            }
            return nonResource(text);
        }
        String prefix = text.substring(0, slash);
        if (prefix.equals("launch")) {
            return nonResource(text);
        }
        ScopeContext context = ScopeContext.fromPrefix(prefix);
        if (context == null) {
            ScopeContext caseless = ScopeContext.fromPrefix(prefix.toLowerCase(java.util.Locale.ROOT));
            if (caseless != null) {
                throw invalid(text, "ngữ cảnh phải viết thường: " + caseless.prefix() + "/, không phải " + prefix + "/",
                        "the context must be lower case: " + caseless.prefix() + "/, not " + prefix + "/");
            }
            throw invalid(text, "ngữ cảnh '" + prefix + "' không tồn tại; chỉ có patient/, user/ hoặc system/",
                    "unknown context '" + prefix + "'; only patient/, user/ or system/ exist");
        }
        String rest = text.substring(slash + 1);
        int question = rest.indexOf('?');
        String query = question < 0 ? null : rest.substring(question + 1);
        String resourceAndPermissions = question < 0 ? rest : rest.substring(0, question);
        int dot = resourceAndPermissions.indexOf('.');
        if (dot < 0) {
            throw invalid(text, "thiếu quyền sau dấu chấm, ví dụ " + prefix + "/" + resourceAndPermissions + ".rs",
                    "the permissions after a dot are missing, e.g. " + prefix + "/" + resourceAndPermissions + ".rs");
        }
        String resourceType = resourceAndPermissions.substring(0, dot);
        checkResourceType(text, resourceType);
        String permissions = resourceAndPermissions.substring(dot + 1);
        boolean v1 = true;
        Set<SmartInteraction> interactions = switch (permissions) {
            case "read" -> EnumSet.of(SmartInteraction.READ, SmartInteraction.SEARCH);
            case "write" -> EnumSet.of(SmartInteraction.CREATE, SmartInteraction.UPDATE, SmartInteraction.DELETE);
            case "*" -> EnumSet.allOf(SmartInteraction.class);
            default -> null;
        };
        if (interactions == null) {
            v1 = false;
            interactions = v2Permissions(text, permissions);
        }
        Map<String, List<String>> restriction = Map.of();
        if (query != null) {
            if (v1) {
                throw invalid(text, "chỉ scope SMART v2 (chữ cruds) mới được giới hạn bằng tham số tìm kiếm; viết "
                                + prefix + "/" + resourceType + "." + letters(interactions) + "?" + query,
                        "only SMART v2 scopes (cruds letters) may be restricted by search parameters; write "
                                + prefix + "/" + resourceType + "." + letters(interactions) + "?" + query);
            }
            restriction = restriction(text, query);
        }
        return new SmartScope(text, Kind.RESOURCE, context, resourceType, interactions, restriction, v1);
    }

    public boolean isResourceScope() {
        return kind == Kind.RESOURCE;
    }

    /** Whether this resource scope speaks for this resource type ({@code *} speaks for all). */
    public boolean appliesTo(String type) {
        return isResourceScope() && (ANY_TYPE.equals(resourceType) || resourceType.equals(type));
    }

    public boolean allows(SmartInteraction interaction) {
        return interactions.contains(interaction);
    }

    /** Whether a query ({@code ?category=laboratory}) narrows what this scope grants. */
    public boolean isRestricted() {
        return !restriction.isEmpty();
    }

    /** The v2 spelling: {@code patient/*.read} → {@code patient/*.rs}; non-resource scopes unchanged. */
    public String canonical() {
        if (!isResourceScope()) {
            return text;
        }
        String base = context.prefix() + "/" + resourceType + "." + letters(interactions);
        int question = text.indexOf('?');
        return question < 0 ? base : base + text.substring(question);
    }

    @Override
    public String toString() {
        return text;
    }

    static String letters(Set<SmartInteraction> interactions) {
        StringBuilder letters = new StringBuilder();
        for (SmartInteraction interaction : SmartInteraction.values()) {
            if (interactions.contains(interaction)) {
                letters.append(interaction.letter());
            }
        }
        return letters.toString();
    }

    private static SmartScope nonResource(String text) {
        return new SmartScope(text, Kind.NON_RESOURCE, null, null, Set.of(), Map.of(), false);
    }

    private static void checkResourceType(String text, String resourceType) {
        if (ANY_TYPE.equals(resourceType)) {
            return;
        }
        if (resourceType.isEmpty()) {
            throw invalid(text, "thiếu loại tài nguyên trước dấu chấm (một loại FHIR như Observation, hoặc *)",
                    "the resource type before the dot is missing (a FHIR type such as Observation, or *)");
        }
        if (!RESOURCE_TYPE_SHAPE.matcher(resourceType).matches() || !R4Types.NAMES.contains(resourceType)) {
            throw invalid(text, "'" + resourceType + "' không phải loại tài nguyên FHIR R4 (phân biệt chữ hoa, ví dụ Observation), cũng không phải *",
                    "'" + resourceType + "' is not a FHIR R4 resource type (case-sensitive, e.g. Observation), nor *");
        }
    }

    private static Set<SmartInteraction> v2Permissions(String text, String permissions) {
        if (permissions.isEmpty()) {
            throw invalid(text, "thiếu quyền sau dấu chấm: dùng các chữ c, r, u, d, s (v2) hoặc read, write, * (v1)",
                    "no permissions after the dot: use the letters c, r, u, d, s (v2) or read, write, * (v1)");
        }
        EnumSet<SmartInteraction> interactions = EnumSet.noneOf(SmartInteraction.class);
        int previous = -1;
        boolean ordered = true;
        for (char letter : permissions.toCharArray()) {
            SmartInteraction interaction = SmartInteraction.fromLetter(letter);
            if (interaction == null) {
                throw invalid(text, "quyền '" + letter + "' không tồn tại: chỉ có c (tạo), r (đọc), u (sửa), d (xóa), s (tìm kiếm); hoặc read, write, * theo v1",
                        "unknown permission '" + letter + "': only c (create), r (read), u (update), d (delete), s (search); or v1 read, write, *");
            }
            if (!interactions.add(interaction)) {
                throw invalid(text, "quyền '" + letter + "' lặp lại; viết " + letters(interactions),
                        "permission '" + letter + "' is repeated; write " + letters(interactions));
            }
            ordered &= interaction.ordinal() > previous;
            previous = interaction.ordinal();
        }
        if (!ordered) {
            throw invalid(text, "các quyền phải theo thứ tự c, r, u, d, s: viết '" + letters(interactions) + "', không phải '" + permissions + "'",
                    "permissions must be in the order c, r, u, d, s: write '" + letters(interactions) + "', not '" + permissions + "'");
        }
        return interactions;
    }

    private static Map<String, List<String>> restriction(String text, String query) {
        Map<String, List<String>> restriction = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw invalid(text, "giới hạn '" + pair + "' phải có dạng tham-số=giá-trị, ví dụ ?category=laboratory",
                        "restriction '" + pair + "' must be parameter=value, e.g. ?category=laboratory");
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                restriction.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException badEscape) {
                throw invalid(text, "giới hạn '" + pair + "' có mã %-escape sai", "restriction '" + pair + "' has a malformed %-escape");
            }
        }
        restriction.replaceAll((name, values) -> List.copyOf(values));
        return restriction;
    }

    private static InvalidSmartScopeException invalid(String text, String vietnamese, String english) {
        return new InvalidSmartScopeException(new RuleViolation(RULE,
                "Scope SMART '" + text + "' sai: " + vietnamese + ".",
                "SMART scope '" + text + "' is malformed: " + english + "."));
    }

    /** FHIR R4 resource type names, loaded once from HAPI's structures on first use. */
    private static final class R4Types {
        static final Set<String> NAMES = Set.copyOf(FhirContext.forR4Cached().getResourceTypes());
    }
}
