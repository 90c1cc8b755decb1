package dev.vaani.console;

import dev.vaani.platform.admin.AdminApiKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The console's own security: sign in with the admin key on a form, then a session cookie (HttpOnly, SameSite=Lax,
 * see application.yml); every form carries a CSRF token; sign-out is a POST. Nothing but the sign-in page and the
 * stylesheet and script it needs is served before signing in.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    /** After the API and webhook chains, before the final deny-all. */
    public static final int ORDER = 30;

    static final String LOGIN = "/login";

    @Bean
    @Order(ORDER)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AdminKeyAuthentication adminKey) throws Exception {
        http.securityMatcher("/", "/login", "/logout", "/campaigns", "/campaigns/**", "/calls", "/calls/**",
                        "/leads", "/leads/**", "/console/**", "/webjars/**", "/favicon.ico")
                .authenticationProvider(adminKey)
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN, "/console/assets/**", "/favicon.ico").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .formLogin(form -> form.loginPage(LOGIN).passwordParameter("key").usernameParameter("operator")
                        .defaultSuccessUrl("/", false).failureUrl(LOGIN + "?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?signedOut")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "media-src 'self' https:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** After sign-in the operator lands on the page they asked for, under its own address (no "?continue"). */
    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    @Bean
    AdminKeyAuthentication adminKeyAuthentication(AdminApiKey key) {
        return new AdminKeyAuthentication(key);
    }

    /** The sign-in form's single "Admin key" field, checked in constant time; the operator name is not asked for. */
    static final class AdminKeyAuthentication implements AuthenticationProvider {

        private final AdminApiKey key;

        AdminKeyAuthentication(AdminApiKey key) {
            this.key = key;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Object presented = authentication.getCredentials();
            if (!(presented instanceof String candidate) || !key.matches(candidate)) {
                throw new BadCredentialsException("That is not the admin key");
            }
            return UsernamePasswordAuthenticationToken.authenticated("admin", null,
                    AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
