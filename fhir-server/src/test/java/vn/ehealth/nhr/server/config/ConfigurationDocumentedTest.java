package vn.ehealth.nhr.server.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every setting the server reads is in the README's configuration table, with its environment variable. */
class ConfigurationDocumentedTest {

    private static final List<Class<?>> SETTINGS = List.of(
            NhrDataProperties.class, NhrDatabaseProperties.class, NhrSearchIndexProperties.class, NhrFhirProperties.class,
            NhrPartitioningProperties.class,
            vn.ehealth.nhr.server.validation.NhrValidationProperties.class,
            vn.ehealth.nhr.server.security.NhrSecurityProperties.class,
            vn.ehealth.nhr.server.audit.NhrAuditProperties.class,
            vn.ehealth.nhr.server.subscription.NhrSubscriptionProperties.class);

    @Test
    void everyPropertyAndItsEnvironmentVariableAppearInTheReadmeTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> properties = new ArrayList<>();
        for (Class<?> settings : SETTINGS) {
            collect(settings.getAnnotation(ConfigurationProperties.class).value(), settings, properties);
        }

        assertThat(properties).hasSizeGreaterThan(10);
        for (String property : properties) {
            String env = property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
            assertThat(readme).as("README row for %s", property).contains("| `" + property + "` | `" + env + "` |");
        }
    }

    private static void collect(String prefix, Class<?> type, List<String> out) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String name = prefix + "." + kebab(f.getName());
            if (f.getType().getDeclaringClass() == type && !f.getType().isEnum()) {
                collect(name, f.getType(), out); // nested group such as elasticsearch.*
            } else {
                out.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
