package vn.ehealth.nhr.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real Keycloak for the integration tests: ONE server per test JVM (started on first use, stopped
 * when the JVM exits), from the distribution that Maven unpacks into {@code target/keycloak/}
 * ({@code org.keycloak:keycloak-quarkus-dist}, version {@code keycloak.version} of the parent pom), in
 * {@code start-dev} mode on a free port with realm {@code nhr} imported from a copy of
 * {@code docker/keycloak/nhr-realm.json}. Its log goes to {@code target/keycloak-test.log}.
 *
 * <p>Tokens come from the realm's real token endpoint: {@link #clientCredentialsToken} (EMR systems)
 * and {@link #passwordToken} (direct access grant, enabled on the demo realm's user-facing clients
 * for tests and demos only).
 *
 * <p>Keycloak 26 runs on JDK 17 or newer; the JDK running the tests is used if it is one, else
 * {@code NHR_KEYCLOAK_JAVA_HOME}, {@code JAVA_HOME}, or a JDK found under {@code /usr/lib/jvm}.
 */
public final class KeycloakTestServer {

    public static final String REALM = "nhr";
    private static final int MIN_JAVA = 17;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakTestServer instance;

    private final String baseUrl;
    private final Process process;
    private final Path log;
    private final Duration startupTime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A token response of Keycloak's token endpoint: the raw access token and its decoded payload. */
    public record Token(String accessToken, JsonNode claims) {
        public String claim(String name) {
            JsonNode value = claims.get(name);
            return value == null || value.isNull() ? null : value.asText();
        }

        public List<String> strings(String name) {
            JsonNode value = claims.get(name);
            List<String> out = new ArrayList<>();
            if (value == null) {
                return out;
            }
            if (value.isArray()) {
                value.forEach(v -> out.add(v.asText()));
            } else {
                out.add(value.asText());
            }
            return out;
        }

        /** The space-separated {@code scope} claim as a list. */
        public List<String> scopes() {
            String scope = claim("scope");
            return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
        }
    }

    /**
     * Keycloak refused a token request: {@code status} is the HTTP status of the token endpoint,
     * {@code error} the OAuth2 error code of its answer ({@code invalid_grant}, {@code invalid_client}...).
     */
    public static final class TokenRequestFailed extends RuntimeException {
        private final int status;
        private final String error;

        TokenRequestFailed(int status, String body) {
            super("Keycloak token endpoint answered " + status + ": " + body);
            this.status = status;
            String code = null;
            try {
                JsonNode json = JSON.readTree(body);
                code = json.hasNonNull("error") ? json.get("error").asText() : null;
            } catch (IOException | RuntimeException notJson) {
                // keep null
            }
            this.error = code;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    private KeycloakTestServer(String baseUrl, Process process, Path log, Duration startupTime) {
        this.baseUrl = baseUrl;
        this.process = process;
        this.log = log;
        this.startupTime = startupTime;
    }

    /** The suite's Keycloak, started on first call. */
    public static synchronized KeycloakTestServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** e.g. {@code http://localhost:41234} */
    public String baseUrl() {
        return baseUrl;
    }

    /** The issuer of realm {@code nhr}: what the FHIR server will trust. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** How long this Keycloak took from process start to a served discovery document. */
    public Duration startupTime() {
        return startupTime;
    }

    public Path logFile() {
        return log;
    }

    public Token clientCredentialsToken(String clientId, String secret) {
        return requestToken(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** Direct access grant (resource owner password) for a public client. */
    public Token passwordToken(String clientId, String username, String password) {
        return passwordToken(clientId, null, username, password);
    }

    /** Direct access grant; {@code clientSecret} for confidential clients, null for public ones. */
    public Token passwordToken(String clientId, String clientSecret, String username, String password) {
        return passwordTokenWithScope(clientId, clientSecret, username, password, "openid");
    }

    /** Direct access grant asking for {@code scope} (space-separated; the client's optional scopes). */
    public Token passwordTokenWithScope(String clientId, String clientSecret, String username, String password,
                                        String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        form.put("username", username);
        form.put("password", password);
        form.put("scope", scope);
        return requestToken(form);
    }

    /** GET a URL of this Keycloak; the body, or an exception for a non-2xx answer. */
    public String get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private Token requestToken(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new TokenRequestFailed(response.statusCode(), response.body());
        }
        try {
            String accessToken = JSON.readTree(response.body()).get("access_token").asText();
            return new Token(accessToken, decodePayload(accessToken));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload of a JWS compact serialisation, not verified (the tests only read the claims). */
    public static JsonNode decodePayload(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWS compact serialisation: " + parts.length + " parts");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- start-up

    private static KeycloakTestServer start() {
        Path home = Path.of(required("nhr.keycloak.home"));
        Path realm = Path.of(required("nhr.keycloak.realm"));
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": it is unpacked by Maven "
                    + "(maven-dependency-plugin, phase pre-integration-test of fhir-server); run the tests with "
                    + "./mvnw verify rather than from an IDE without that phase");
        }
        if (!Files.isRegularFile(realm)) {
            throw new IllegalStateException("Realm export not found: " + realm);
        }
        Path target = home.getParent().getParent(); // target/keycloak/keycloak-<v> -> target
        Path log = target.resolve("keycloak-test.log");
        Path javaHome = findJavaHome();
        try {
            // A fresh embedded database each run, so the import is always the realm file as it is now.
            deleteRecursively(home.resolve("data"));
            Path importDir = Files.createDirectories(home.resolve("data").resolve("import"));
            Files.copy(realm, importDir.resolve("nhr-realm.json"), StandardCopyOption.REPLACE_EXISTING);

            int port = freePort();
            int managementPort = freePort();
            boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
            List<String> command = new ArrayList<>();
            if (windows) {
                command.addAll(List.of("cmd.exe", "/c", home.resolve("bin").resolve("kc.bat").toString()));
            } else {
                command.addAll(List.of("/bin/sh", home.resolve("bin").resolve("kc.sh").toString()));
            }
            command.addAll(List.of("start-dev", "--import-realm",
                    "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--hostname-strict=false"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Files.deleteIfExists(log);
            pb.environment().put("JAVA_HOME", javaHome.toString());
            pb.environment().remove("JAVA");
            pb.environment().remove("JAVA_OPTS");
            // smaller heap and quicker JIT warm-up: a short-lived test server
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            pb.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");

            long t0 = System.nanoTime();
            Process process = pb.start();
            String baseUrl = "http://localhost:" + port;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-test-stop"));
            waitUntilReady(process, baseUrl, log);
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            System.out.printf("[nhr-tests] Keycloak %s (JDK %s) ready at %s in %.1f s; log: %s%n",
                    home.getFileName(), javaHome, baseUrl, startup.toMillis() / 1000.0, log);
            return new KeycloakTestServer(baseUrl, process, log, startup);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak from " + home + " (log " + log + ")", e);
        }
    }

    private static void waitUntilReady(Process process, String baseUrl, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(baseUrl + "/realms/" + REALM + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before it was ready; see " + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        stop(process);
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds()
                + " s (no realm " + REALM + " discovery document at " + discovery + "); see " + log + ":\n" + tail(log));
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        // kc.sh forwards TERM to the Java process it started; stop the children explicitly too
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A JDK of at least version 17 to run Keycloak with. */
    static Path findJavaHome() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("NHR_KEYCLOAK_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (javaVersion(p) < MIN_JAVA) {
                throw new IllegalStateException("NHR_KEYCLOAK_JAVA_HOME=" + explicit + " is not a JDK "
                        + MIN_JAVA + " or newer");
            }
            return p;
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted(Comparator.comparing(Path::toString)).forEach(candidates::add);
            } catch (IOException ignored) {
                // no system JDKs to look at
            }
        }
        for (Path c : candidates) {
            if (javaVersion(c) >= MIN_JAVA) {
                return c;
            }
        }
        throw new IllegalStateException("Keycloak needs a JDK " + MIN_JAVA + " or newer and none was found (looked at "
                + candidates + "); set NHR_KEYCLOAK_JAVA_HOME to one");
    }

    /** Feature version of the JDK at {@code home} (from its {@code release} file or the running JVM), or 0. */
    static int javaVersion(Path home) {
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))
                && !Files.isExecutable(home.resolve("bin").resolve("java.exe"))) {
            return 0;
        }
        if (home.equals(Path.of(System.getProperty("java.home")))) {
            return Runtime.version().feature();
        }
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = v.split("[.+\\-]")[0];
                    return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not a JDK we can read
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; it is set by the "
                    + "failsafe configuration of fhir-server/pom.xml");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
