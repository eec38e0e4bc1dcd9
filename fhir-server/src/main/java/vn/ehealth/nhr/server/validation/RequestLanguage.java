package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.ehealth.nhr.profiles.MessageLanguage;

/** The language a request wants the guide's messages in ({@code Accept-Language}; Vietnamese by default). */
public final class RequestLanguage {

    private RequestLanguage() {
    }

    public static MessageLanguage of(RequestDetails request) {
        if (request != null && request.getHeader("Accept-Language") != null) {
            return MessageLanguage.fromAcceptLanguage(request.getHeader("Accept-Language"));
        }
        return current();
    }

    /** From the HTTP request this thread is serving, if any (internal jobs get Vietnamese). */
    public static MessageLanguage current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest http = attributes.getRequest();
            return MessageLanguage.fromAcceptLanguage(http.getHeader("Accept-Language"));
        }
        return MessageLanguage.VIETNAMESE;
    }
}
