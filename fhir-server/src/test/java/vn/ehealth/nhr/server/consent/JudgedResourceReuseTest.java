package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import static org.assertj.core.api.Assertions.assertThat;

class JudgedResourceReuseTest {

    private final JudgedResourceReuse reuse = new JudgedResourceReuse();

    private static ServletRequestDetails requestBy(Accessor accessor) {
        ServletRequestDetails request = new ServletRequestDetails();
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse("system/*.rs"),
                "s", "c", "u", null, null, AccessContext.Mode.SIGNED_IN));
        request.setServletRequest(http);
        return request;
    }

    @AfterEach
    void leaveNothingOnTheThread() {
        reuse.close();
    }

    @Test
    void aJudgedResourceIsHandedOutOnceAndOnlyForItsVersion() {
        reuse.open(requestBy(Accessor.emrSystem("79001")));
        JudgedResourceReuse.Scope scope = JudgedResourceReuse.current();
        Encounter judged = new Encounter();
        scope.keep(42, 1, judged);
        assertThat(scope.take(42, 2)).as("another version is loaded afresh").isNull();
        assertThat(scope.take(42, 1)).isSameAs(judged);
        assertThat(scope.take(42, 1)).as("handed out once").isNull();
    }

    @Test
    void everyRequestStartsEmptyAndAnalystsGetNoReuse() {
        reuse.open(requestBy(Accessor.emrSystem("79001")));
        JudgedResourceReuse.current().keep(1, 1, new Encounter());
        reuse.open(requestBy(Accessor.practitioner("004567/HCM-CCHN", "79001")));
        assertThat(JudgedResourceReuse.current().take(1, 1)).as("nothing carried over from the thread's last request").isNull();

        reuse.open(requestBy(Accessor.analyst()));
        assertThat(JudgedResourceReuse.current()).as("analysts' answers are de-identified: always loaded afresh").isNull();
        reuse.open(new ServletRequestDetails());
        assertThat(JudgedResourceReuse.current()).isNull();
    }

    @Test
    void keepsABoundedNumberPerRequest() {
        reuse.open(requestBy(Accessor.emrSystem("79001")));
        JudgedResourceReuse.Scope scope = JudgedResourceReuse.current();
        for (int i = 0; i < JudgedResourceReuse.MAX_KEPT + 10; i++) {
            scope.keep(i, 1, new Encounter());
        }
        assertThat(scope.size()).isEqualTo(JudgedResourceReuse.MAX_KEPT);
        reuse.close();
        assertThat(JudgedResourceReuse.current()).isNull();
    }
}
