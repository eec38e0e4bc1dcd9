package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.util.UrlUtil;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an AuditEvent says about the request it records: taken from HAPI's {@link RequestDetails},
 * or from the bare servlet request when Spring Security rejected the token before HAPI saw it.
 *
 * @param operation    the interaction (never null: guessed from the method and path when HAPI had
 *                     not resolved it yet)
 * @param requestPath  the path below the FHIR base, e.g. {@code Patient/123/$everything}
 * @param resourceType the resource type addressed, or null (system level)
 * @param idPart       the instance addressed, or null
 */
record AuditedRequest(RestOperationTypeEnum operation, String method, String serverBase, String requestPath,
        String completeUrl, Map<String, String[]> parameters, String resourceType, String idPart,
        String requestId, String networkAddress, Reference client, Reference user) {

    /** Search parameters whose value names the patient a request is about. */
    private static final Set<String> PATIENT_PARAMETERS = Set.of("patient", "subject", "patient:Patient", "subject:Patient");

    static AuditedRequest of(RequestDetails request, IBalpAuditContextServices services) {
        String method = request.getRequestType() == null ? "GET" : request.getRequestType().name();
        String path = request.getRequestPath() == null ? "" : request.getRequestPath();
        RestOperationTypeEnum operation = request.getRestOperationType() != null
                ? request.getRestOperationType() : classify(method, path);
        IIdType id = request.getId();
        String type = request.getResourceName() != null ? request.getResourceName()
                : id != null && id.hasResourceType() ? id.getResourceType() : null;
        return new AuditedRequest(operation, method, request.getFhirServerBase(), path, request.getCompleteUrl(),
                request.getParameters() == null ? Map.of() : request.getParameters(), type,
                id != null && id.hasIdPart() ? id.getIdPart() : null, request.getRequestId(),
                services.getNetworkAddress(request), services.getAgentClientWho(request),
                services.getAgentUserWho(request));
    }

    /** A request HAPI never saw (the token was rejected in front of it). */
    static AuditedRequest ofServletRequest(HttpServletRequest http, String fhirPath, Reference client, Reference user) {
        String uri = http.getRequestURI() == null ? "" : http.getRequestURI();
        String base = http.getContextPath() + fhirPath;
        String path = uri.startsWith(base) ? uri.substring(base.length()) : uri;
        path = path.startsWith("/") ? path.substring(1) : path;
        String url = http.getRequestURL() == null ? uri : http.getRequestURL().toString();
        String serverBase = url.endsWith(uri) ? url.substring(0, url.length() - uri.length()) + base : url;
        String query = http.getQueryString();
        List<String> segments = segments(path);
        String type = !segments.isEmpty() && Character.isUpperCase(segments.get(0).charAt(0)) ? segments.get(0) : null;
        String id = type != null && segments.size() >= 2 && isPlain(segments.get(1)) ? segments.get(1) : null;
        String requestId = http.getHeader("X-Request-ID");
        return new AuditedRequest(classify(http.getMethod(), path), http.getMethod(), serverBase, path,
                query == null ? url : url + "?" + query, parse(query), type, id,
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId,
                http.getRemoteAddr(), client, user);
    }

    /**
     * The patients the request names: the Patient it addresses ({@code Patient/123}, its history or
     * operations), or the values of its {@code patient}/{@code subject} parameters (a bare id or
     * {@code Patient/id}, absolute or relative). Relative references, so they match how events are stored.
     */
    Set<String> namedPatients() {
        Set<String> patients = new LinkedHashSet<>();
        if ("Patient".equals(resourceType) && idPart != null) {
            patients.add("Patient/" + idPart);
        }
        if ("Patient".equals(resourceType) && parameters.get("_id") != null) {
            values(parameters.get("_id")).forEach(v -> patients.add("Patient/" + v));
        }
        parameters.forEach((name, values) -> {
            if (PATIENT_PARAMETERS.contains(name)) {
                for (String value : values(values)) {
                    String patient = patientReferenceOf(value);
                    if (patient != null) {
                        patients.add(patient);
                    }
                }
            }
        });
        return patients;
    }

    /** BALP's query text: the server base, the path and the parameters as HAPI parsed them. */
    String queryString() {
        StringBuilder query = new StringBuilder(serverBase == null ? "" : serverBase).append('/').append(requestPath);
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                query.append(separator).append(UrlUtil.escapeUrlParam(parameter.getKey()))
                        .append('=').append(UrlUtil.escapeUrlParam(value));
                separator = '&';
            }
        }
        return query.toString();
    }

    /** The interaction of a request by its method and path, when HAPI has not resolved it. */
    static RestOperationTypeEnum classify(String method, String path) {
        List<String> s = segments(path);
        String m = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).startsWith("$")) {
                return i == 0 ? RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                        : i == 1 ? RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                        : RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
            }
        }
        int history = s.indexOf("_history");
        if (history >= 0) {
            return history == 0 ? RestOperationTypeEnum.HISTORY_SYSTEM
                    : history == 1 ? RestOperationTypeEnum.HISTORY_TYPE
                    : s.size() > history + 1 ? RestOperationTypeEnum.VREAD : RestOperationTypeEnum.HISTORY_INSTANCE;
        }
        if (s.size() == 1 && "metadata".equals(s.get(0))) {
            return RestOperationTypeEnum.METADATA;
        }
        if (s.contains("_search")) {
            return s.size() == 1 ? RestOperationTypeEnum.SEARCH_SYSTEM : RestOperationTypeEnum.SEARCH_TYPE;
        }
        return switch (m) {
            case "POST" -> s.isEmpty() ? RestOperationTypeEnum.TRANSACTION : RestOperationTypeEnum.CREATE;
            case "PUT" -> RestOperationTypeEnum.UPDATE;
            case "PATCH" -> RestOperationTypeEnum.PATCH;
            case "DELETE" -> RestOperationTypeEnum.DELETE;
            default -> s.isEmpty() ? RestOperationTypeEnum.SEARCH_SYSTEM
                    : s.size() == 2 ? RestOperationTypeEnum.READ : RestOperationTypeEnum.SEARCH_TYPE;
        };
    }

    /** {@code Patient/id} for a bare id or a (relative or absolute) Patient reference; null otherwise. */
    static String patientReferenceOf(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.contains("|")) {
            return null;
        }
        List<String> parts = segments(v.replaceFirst("/_history/.*$", ""));
        if (parts.size() == 1 && isPlain(parts.get(0))) {
            return "Patient/" + parts.get(0);
        }
        if (parts.size() >= 2 && "Patient".equals(parts.get(parts.size() - 2))) {
            return "Patient/" + parts.get(parts.size() - 1);
        }
        return null;
    }

    private static List<String> values(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean isPlain(String segment) {
        return !segment.isEmpty() && !segment.startsWith("$") && !segment.startsWith("_") && !segment.contains(":");
    }

    private static List<String> segments(String path) {
        String p = path == null ? "" : path;
        int q = p.indexOf('?');
        p = q >= 0 ? p.substring(0, q) : p;
        return Arrays.stream(p.split("/")).filter(seg -> !seg.isEmpty()).toList();
    }

    private static Map<String, String[]> parse(String query) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parsed.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        parsed.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
