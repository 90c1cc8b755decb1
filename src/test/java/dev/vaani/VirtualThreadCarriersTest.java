package dev.vaani;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The server gives virtual threads more carriers than a small machine's cores, and leaves an operator's choice. */
@Isolated // reads and writes a JVM-wide system property
class VirtualThreadCarriersTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS);
        } else {
            System.setProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS, before);
        }
    }

    @Test
    void withoutASettingThereAreAtLeastEightCarriersAndOnePerCore() {
        System.clearProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS);

        VaaniApplication.ensureVirtualThreadCarriers();

        assertThat(Integer.parseInt(System.getProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS)))
                .isEqualTo(Math.max(8, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anOperatorsSettingIsKept() {
        System.setProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS, "3");

        VaaniApplication.ensureVirtualThreadCarriers();

        assertThat(System.getProperty(VaaniApplication.VIRTUAL_THREAD_CARRIERS)).isEqualTo("3");
    }
}
