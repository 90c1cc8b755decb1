package dev.vaani.platform.security;

import dev.vaani.platform.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (TRUSTED_PROXIES): only loopback unless the
 * operator names others. Tomcat's RemoteIpValve (server.forward-headers-strategy: native) believes loopback and every
 * private address by default, so on a shared network any host that reaches the server directly could name any client
 * address, to escape its own lockout by naming a new one each time, or to lock out someone else's; and claim HTTPS.
 * The valve takes the list as comma-separated networks (it reads a value with a {@code /} as CIDR, anything else as a
 * regular expression), so a bare address is written as its /32 or /128 here. A request from anyone else is taken as
 * it came: its own address, its own scheme; {@code Forwarded} (RFC 7239) is not read at all.
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxies {

    static final String VARIABLE = "TRUSTED_PROXIES";
    /** An IPv4 or IPv6 literal, optionally with a prefix length: never a host name, which would be looked up. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F:.]+(/\\d{1,3})?");

    /** After Spring Boot's own Tomcat customizer, which adds the valve with Tomcat's defaults. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> onlyTrustedProxiesForward(
            @Value("${vaani.http.trusted-proxies}") String trustedProxies) {
        String networks = networks(trustedProxies);
        return factory -> factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast)
                .forEach(valve -> valve.setInternalProxies(networks));
    }

    /** The setting as the valve's comma-separated networks: "10.0.0.5, fd00::/8" → "10.0.0.5/32,fd00::/8". */
    static String networks(String setting) {
        List<String> entries = Arrays.stream(setting.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        if (entries.isEmpty()) {
            throw new InvalidConfigurationException(VARIABLE, "is empty; leave it unset to trust loopback only, or "
                    + "list the addresses of your proxies, e.g. 10.0.0.5 or 10.0.0.0/24");
        }
        StringBuilder networks = new StringBuilder();
        for (String entry : entries) {
            if (!ADDRESS.matcher(entry).matches() || entry.indexOf(':') < 0 && entry.indexOf('.') < 0) {
                throw new InvalidConfigurationException(VARIABLE, "has \"" + entry + "\", which is no IP address or "
                        + "network; list addresses or CIDR networks separated by commas, e.g. 10.0.0.5, 10.0.1.0/24");
            }
            if (!networks.isEmpty()) {
                networks.append(',');
            }
            networks.append(entry.indexOf('/') >= 0 ? entry : entry + (entry.indexOf(':') >= 0 ? "/128" : "/32"));
        }
        return networks.toString();
    }
}
