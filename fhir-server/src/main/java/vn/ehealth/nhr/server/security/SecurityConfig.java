package vn.ehealth.nhr.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import vn.ehealth.nhr.server.audit.AccessDenialAuditInterceptor;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.server.config.NhrDatabaseProperties;
import vn.ehealth.nhr.server.http.OperationOutcomeJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spring Security in front of the whole server, as an OAuth2 resource server: a bearer token, when
 * sent, must be a JWT signed by a key of the issuer's JWKS, with the configured issuer and audience,
 * not expired and already valid ({@code nbf}); otherwise 401 with an OperationOutcome. A request
 * without a token passes through anonymous: what an anonymous caller may do (the CapabilityStatement,
 * the public catalogues) is decided on the FHIR operation by {@code AccessPolicyConsentService},
 * not on URL patterns, so transactions and operations cannot slip past it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain nhrSecurityFilterChain(HttpSecurity http, NhrSecurityProperties security,
            NhrDatabaseProperties database, ObjectProvider<AccessDenialAuditInterceptor> denials) throws Exception {
        SandboxModeGuard.check(security, database);
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only: no cookies to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(a -> { })
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        if (!security.isSandbox()) {
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.decoder(jwtDecoder(security)))
                    .authenticationEntryPoint((request, response, e) -> {
                        AccessDenialAuditInterceptor audit = denials.getIfAvailable();
                        if (audit != null) {
                            audit.recordRejectedToken(request, e.getMessage()); // forged and expired tokens are attempts too
                        }
                        invalidToken(request, response, e);
                    }));
        } else {
            http.addFilterBefore(new SandboxAuthentication.Filter(), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    FilterRegistrationBean<SmartConfigurationEndpoint> smartConfigurationEndpoint(NhrSecurityProperties security,
            ObjectMapper json) throws IOException {
        FilterRegistrationBean<SmartConfigurationEndpoint> registration =
                new FilterRegistrationBean<>(new SmartConfigurationEndpoint(security, json));
        registration.addUrlPatterns(SmartConfigurationEndpoint.PATHS);
        return registration;
    }

    /** Built on first use, so the server starts even while the identity provider is still starting. */
    static JwtDecoder jwtDecoder(NhrSecurityProperties security) {
        String issuer = security.getIssuerUri().strip();
        OAuth2TokenValidator<Jwt> validator = tokenValidator(security);
        return new SupplierJwtDecoder(() -> {
            String jwks = security.getJwkSetUri();
            NimbusJwtDecoder decoder = jwks == null || jwks.isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwks.strip()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** What a correctly signed token must also satisfy: exp and nbf (with the skew), iss, aud. */
    static OAuth2TokenValidator<Jwt> tokenValidator(NhrSecurityProperties security) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(security.getClockSkew()),
                new JwtIssuerValidator(security.getIssuerUri().strip()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(security.getAudience())));
    }

    private static final BearerTokenAuthenticationEntryPoint BEARER = new BearerTokenAuthenticationEntryPoint();

    /** 401 with the standard {@code WWW-Authenticate: Bearer error=...} header and a FHIR OperationOutcome. */
    static void invalidToken(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        BEARER.commence(request, response, e);
        boolean english = MessageLanguage.fromAcceptLanguage(request.getHeader("Accept-Language")) == MessageLanguage.ENGLISH;
        String reason = e.getMessage() == null ? "" : e.getMessage();
        String text = english
                ? "Access token rejected: " + reason + ". Send a valid token of the NHR realm in 'Authorization: Bearer'."
                : "Mã truy cập (access token) bị từ chối: " + reason
                        + ". Hãy gửi mã truy cập hợp lệ của realm NHR trong tiêu đề 'Authorization: Bearer'.";
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(OperationOutcomeJson.error("login", text).getBytes(StandardCharsets.UTF_8));
    }
}
