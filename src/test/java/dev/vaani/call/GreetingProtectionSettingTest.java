package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** GREETING_PROTECTION_MS reaches the call settings through application.yml, as an operator sets it. */
class GreetingProtectionSettingTest {

    @Test
    void theGreetingIsProtectedForOneAndAHalfSecondsByDefault() throws IOException {
        assertThat(callSettings(Map.of()).greetingProtectionMs()).isEqualTo(1500);
    }

    @Test
    void theVariableSetsHowLongTheGreetingCannotBeInterrupted() throws IOException {
        assertThat(callSettings(Map.of("GREETING_PROTECTION_MS", "8000")).greetingProtectionMs()).isEqualTo(8000);
    }

    private static CallProperties callSettings(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bindOrCreate("vaani.call", CallProperties.class);
    }
}
