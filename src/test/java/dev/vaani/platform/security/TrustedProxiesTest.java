package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.platform.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TRUSTED_PROXIES as the networks Tomcat's RemoteIpValve believes. */
class TrustedProxiesTest {

    @Test
    void theDefaultIsLoopbackOnly() {
        assertThat(TrustedProxies.networks("127.0.0.0/8, ::1")).isEqualTo("127.0.0.0/8,::1/128");
    }

    @Test
    void aBareAddressIsThatOneAddressAndNetworksStayAsWritten() {
        assertThat(TrustedProxies.networks(" 10.0.0.5 ,10.0.1.0/24, fd00::7"))
                .isEqualTo("10.0.0.5/32,10.0.1.0/24,fd00::7/128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.*", "10\\.0\\.0\\.5", "beef"})
    void whatIsNoAddressOrNetworkStopsStartUpNamingTheSetting(String setting) {
        assertThatThrownBy(() -> TrustedProxies.networks(setting)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("TRUSTED_PROXIES has \"");
    }

    @Test
    void anEmptyListStopsStartUp() {
        assertThatThrownBy(() -> TrustedProxies.networks(" , ")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("TRUSTED_PROXIES is empty");
    }
}
