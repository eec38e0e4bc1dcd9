import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Exit code 0 when a URL answers 200 (run as a source file: {@code java WaitForUrl.java URL}), so
 * {@code secured-demo.sh} waits for Keycloak with nothing but the JDK.
 */
public final class WaitForUrl {

    private WaitForUrl() {
    }

    public static void main(String[] args) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception notYet) {
            System.exit(1);
        }
    }
}
