package vn.ehealth.nhr.server.http;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(100);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithAnOperationOutcomeAndNeverReachesTheServer() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient");
        request.setContent(new byte[101]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("too-costly")
                .contains("100 bytes");
        assertThat(chain.getRequest()).as("request passed on").isNull();
    }

    @Test
    void aBodyWithinTheLimitPassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient");
        request.setContent(new byte[100]);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aChunkedBodyIsCountedAndRefusedWhenItGrowsPastTheLimit() throws Exception {
        MockHttpServletRequest request = chunked(new byte[150]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aSmallChunkedBodyIsPassedOnWithItsContentIntact() throws Exception {
        byte[] body = "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(chunked(body), new MockHttpServletResponse(), chain);

        ServletRequest passed = chain.getRequest();
        assertThat(passed.getContentLengthLong()).isEqualTo(body.length);
        assertThat(passed.getInputStream().readAllBytes()).isEqualTo(body);
    }

    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(body);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
