package vn.ehealth.nhr.server.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;

/**
 * HAPI's {@code OpenApiInterceptor} answers {@code /api-docs} as {@code text/yaml} without a
 * charset, so the servlet writes it in ISO-8859-1 and every Vietnamese letter of the description
 * ("Máy chủ Hồ sơ sức khỏe…") becomes {@code ?}. This runs just before it and sets UTF-8.
 */
@Interceptor
public class OpenApiCharsetInterceptor {

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED, order = -1)
    public boolean utf8(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getPathInfo();
        if (path != null && (path.equals("/api-docs") || path.startsWith("/swagger-ui/"))) {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        return true;
    }
}
