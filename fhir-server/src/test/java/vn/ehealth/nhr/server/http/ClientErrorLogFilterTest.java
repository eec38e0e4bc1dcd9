package vn.ehealth.nhr.server.http;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ClientErrorLogFilterTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger hapi = context.getLogger(ClientErrorLogFilter.HAPI_INTERCEPTOR_SERVICE);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        ClientErrorLogFilter.install();
        logged.start();
        hapi.addAppender(logged);
    }

    @AfterEach
    void release() {
        hapi.detachAppender(logged);
    }

    /** The way HAPI's interceptor service logs: error(format, pointcut, text, throwable). */
    private void hapiLogs(Exception e) {
        org.slf4j.Logger slf4j = LoggerFactory.getLogger(ClientErrorLogFilter.HAPI_INTERCEPTOR_SERVICE);
        slf4j.error("Exception thrown by interceptor for pointcut {}: {}", "STORAGE_PREACCESS_RESOURCES", e.toString(), e);
    }

    @Test
    void aRefusalOfTheConsentRulesLeavesNoErrorWithStackTrace() {
        hapiLogs(new ForbiddenOperationException("Không có đồng ý đang hiệu lực"));
        hapiLogs(new UnprocessableEntityException("hồ sơ không hợp lệ"));
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aServerFaultInAnInterceptorIsStillLogged() {
        hapiLogs(new InternalErrorException("database unreachable"));
        hapiLogs(new IllegalStateException("bug"));
        assertThat(logged.list).hasSize(2);
    }

    @Test
    void otherLoggersAreUntouched() {
        Logger other = context.getLogger("vn.ehealth.nhr.Other");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        other.addAppender(seen);
        LoggerFactory.getLogger("vn.ehealth.nhr.Other").error("refused", new ForbiddenOperationException("x"));
        other.detachAppender(seen);
        assertThat(seen.list).hasSize(1);
    }

    @Test
    void installingTwiceAddsOneFilter() {
        ClientErrorLogFilter.install();
        ClientErrorLogFilter.install();
        assertThat(context.getTurboFilterList().stream().filter(ClientErrorLogFilter.class::isInstance)).hasSize(1);
    }
}
