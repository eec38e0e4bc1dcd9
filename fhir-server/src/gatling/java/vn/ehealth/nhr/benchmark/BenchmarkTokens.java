package vn.ehealth.nhr.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Real access tokens of the demo realm's accounts for the benchmarks, from a running Keycloak
 * (property {@code nhr.benchmark.token-url}, the realm's token endpoint). The realm issues 5-minute
 * tokens; a {@link #refreshing} token is fetched once, then renewed by a background thread every two
 * minutes, so virtual users only read a field and no request ever carries an expired token.
 */
public final class BenchmarkTokens {

    public static final String TOKEN_URL = System.getProperty("nhr.benchmark.token-url",
            "http://localhost:8180/realms/nhr/protocol/openid-connect/token");
    private static final String PASSWORD = "demo-nhr-2025";
    private static final Duration RENEW = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-token-renewer");
        t.setDaemon(true);
        return t;
    });

    /** A token kept fresh in the background. */
    public static final class Refreshing implements Supplier<String> {
        private volatile String token;

        private Refreshing(Supplier<String> fetch) {
            token = fetch.get();
            RENEWER.scheduleAtFixedRate(() -> {
                try {
                    token = fetch.get();
                } catch (RuntimeException e) {
                    System.err.println("token renewal failed (the old token is kept until it expires): " + e);
                }
            }, RENEW.toSeconds(), RENEW.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public String get() {
            return token;
        }
    }

    private BenchmarkTokens() {
    }

    /** Prints a token for scripts: {@code java -cp … BenchmarkTokens administrator|bach-mai|cho-ray|citizen-an|clinician-bach-mai|analyst}. */
    public static void main(String[] args) {
        String who = args.length == 0 ? "administrator" : args[0];
        System.out.println(switch (who) {
            case "administrator" -> administrator();
            case "bach-mai" -> bachMaiEmr();
            case "cho-ray" -> choRayEmr();
            case "citizen-an" -> citizenAn();
            case "clinician-bach-mai" -> clinicianBachMai();
            case "analyst" -> analyst();
            default -> throw new IllegalArgumentException("unknown account " + who
                    + " (administrator, bach-mai, cho-ray, citizen-an, clinician-bach-mai, analyst)");
        });
        System.exit(0);
    }

    public static Refreshing refreshing(Supplier<String> fetch) {
        return new Refreshing(fetch);
    }

    /** The EMR system of Bạch Mai (facility 01001). */
    public static String bachMaiEmr() {
        return clientCredentials("emr-bach-mai", "emr-bach-mai-demo-secret");
    }

    /** The EMR system of Chợ Rẫy (facility 79001). */
    public static String choRayEmr() {
        return clientCredentials("emr-cho-ray", "emr-cho-ray-demo-secret");
    }

    /** The demo citizen Nguyễn Văn An (CCCD 001085012345) through the Sổ Sức khỏe app (public client). */
    public static String citizenAn() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "so-suc-khoe-app");
        form.put("username", "nguyen-van-an");
        form.put("password", PASSWORD);
        form.put("scope", "openid");
        return request(form);
    }

    /** Dr Lê Văn Cường (licence 000123/HNO-CCHN) at Bạch Mai (01001), through the clinician portal. */
    public static String clinicianBachMai() {
        return password("clinician-portal", "clinician-portal-demo-secret", "bs-le-van-cuong");
    }

    /** The demo analyst Võ Minh Khoa through the analytics portal (sees everything, de-identified). */
    public static String analyst() {
        return password("analytics-portal", "analytics-portal-demo-secret", "pt-vo-minh-khoa");
    }

    /** The demo administrator qt-dang-thu-ha through the admin console (writes the directory). */
    public static String administrator() {
        return password("admin-console", "admin-console-demo-secret", "qt-dang-thu-ha");
    }

    /** A demo user's token through a confidential client (direct access grant, enabled on the demo realm only). */
    private static String password(String clientId, String secret, String username) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("username", username);
        form.put("password", PASSWORD);
        form.put("scope", "openid");
        return request(form);
    }

    public static String clientCredentials(String clientId, String secret) {
        return request(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static String request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint " + TOKEN_URL + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token endpoint " + TOKEN_URL + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
