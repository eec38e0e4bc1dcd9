package vn.ehealth.nhr.server.http;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;

/**
 * Errors that Tomcat answers itself, before any servlet runs (an illegal character in the URL, a
 * malformed request line), get a FHIR OperationOutcome instead of Tomcat's HTML page, and never
 * show a stack trace or the server's version.
 */
public class FhirErrorReportValve extends ErrorReportValve {

    public FhirErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String why = status == 400
                ? "Yêu cầu HTTP không hợp lệ (thường do ký tự chưa được mã hóa trong URL; hãy mã hóa tham số theo RFC 3986). "
                        + "Malformed HTTP request (usually an unencoded character in the URL; percent-encode search parameters)."
                : "Lỗi HTTP " + status + ". HTTP error " + status + ".";
        try {
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(OperationOutcomeJson.error(status == 400 ? "invalid" : "exception", why));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing more to tell it
        }
    }
}
