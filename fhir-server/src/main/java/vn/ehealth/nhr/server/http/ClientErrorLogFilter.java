package vn.ehealth.nhr.server.http;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps refusals out of the error log. HAPI's interceptor service logs every exception an interceptor
 * throws at ERROR with its stack trace, before HAPI turns it into the HTTP answer; our rules refuse by
 * throwing (a 403 of the consent rules, a 422 of the profiles, a 409 of the prescription rules), so each
 * refused request of a vendor used to print some 100 lines of stack trace and cost the server time on
 * the request's own thread. A refusal is an answer, not a server fault, and the access log already
 * records it; so ERROR events of that logger whose exception is a FHIR answer below 500 are dropped.
 * Anything else it logs (a 5xx, a bug in an interceptor) still gets through.
 */
public final class ClientErrorLogFilter extends TurboFilter {

    static final String HAPI_INTERCEPTOR_SERVICE = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    /** Adds the filter to Logback, once (Spring Boot has configured logging by the time beans are made). */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(ClientErrorLogFilter.class::isInstance)) {
            ClientErrorLogFilter filter = new ClientErrorLogFilter();
            filter.setName("nhr-client-error-log-filter");
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || !HAPI_INTERCEPTOR_SERVICE.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last; // SLF4J's error(format, a, b, throwable) reaches turbo filters as a parameter
        }
        return thrown instanceof BaseServerResponseException answer && answer.getStatusCode() < 500
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
