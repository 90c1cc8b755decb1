package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PostgreSQL refuses root; as root the embedded server needs a user namespace to run it in. */
class EmbeddedPostgresAsRootTest {

    @Test
    void asRootWithoutUserNamespacesItSaysWhatToDoInsteadOfInitdbsRefusal() {
        assertThatThrownBy(() -> EmbeddedServers.requireRunnable(true, false))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("PostgreSQL refuses to run as root")
                .hasMessageContaining("Run Vaani as a normal user")
                .hasMessageContaining("set DATABASE_URL");
    }

    @Test
    void asRootWithUserNamespacesItRuns() {
        assertThatCode(() -> EmbeddedServers.requireRunnable(true, true)).doesNotThrowAnyException();
    }

    @Test
    void asANormalUserItRunsWhateverTheNamespaces() {
        assertThatCode(() -> EmbeddedServers.requireRunnable(false, false)).doesNotThrowAnyException();
    }
}
