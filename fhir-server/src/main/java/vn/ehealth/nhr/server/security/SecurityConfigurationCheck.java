package vn.ehealth.nhr.server.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.ehealth.nhr.server.config.DatabaseKind;
import vn.ehealth.nhr.server.config.NhrDatabaseProperties;

/**
 * Applies {@link SandboxModeGuard} as soon as the configuration is read, before anything connects
 * to a database or opens a port: a server configured for a real database without sign-in stops at
 * once with the reason. ({@link SecurityConfig} checks again with the final settings.)
 */
public class SecurityConfigurationCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        NhrSecurityProperties security = binder.bind("nhr.security", NhrSecurityProperties.class).orElseGet(NhrSecurityProperties::new);
        NhrDatabaseProperties database = binder.bind("nhr.db", NhrDatabaseProperties.class).orElseGet(NhrDatabaseProperties::new);
        if (database.getUrl() != null && !database.getUrl().isBlank()) {
            DatabaseKind.fromJdbcUrl(database.getUrl()); // an unsupported database is the first thing to say
        }
        SandboxModeGuard.check(security, database, false);
    }
}
