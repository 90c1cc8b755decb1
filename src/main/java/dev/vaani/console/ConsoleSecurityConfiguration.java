package dev.vaani.console;

import dev.vaani.platform.admin.AdminApiKey;
import dev.vaani.platform.security.FailedAuthentications;
import dev.vaani.platform.security.HttpLimits;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The console's own security: sign in with the admin key on a form, then a session cookie (HttpOnly, SameSite=Lax,
 * Secure when the request came over HTTPS, see application.yml); every form carries a CSRF token; sign-out is a POST.
 * Nothing but the sign-in page and the stylesheet and script it needs is served before signing in. Its redirects
 * are paths on this server. Failed sign-ins are counted per address, and an address that failed too often is
 * answered 429 for a while ({@link FailedAuthentications}).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    /** After the API and webhook chains, before the final deny-all. */
    public static final int ORDER = 30;

    static final String LOGIN = "/login";

    @Bean
    @Order(ORDER)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AdminKeyAuthentication adminKey,
                                        FailedAuthentications failures, HttpLimits limits) throws Exception {
        http.securityMatcher("/", "/login", "/logout", "/campaigns", "/campaigns/**", "/calls", "/calls/**",
                        "/leads", "/leads/**", "/console/**", "/webjars/**", "/favicon.ico")
                .authenticationProvider(adminKey)
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .authorizeHttpRequests(requests -> requests
                        // An event stream's closing dispatch belongs to a request already let in: it ends streams of a
                        // sign-in just ended, and refusing it only logged errors on a response already committed
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(LOGIN, "/console/assets/**", "/favicon.ico").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .formLogin(form -> form.loginPage(LOGIN).passwordParameter("key").usernameParameter("operator")
                        .successHandler(backToTheAskedPage()).permitAll()
                        .failureHandler(failures.counting("console sign-in",
                                new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error"))))
                // a sign-in from an address locked out for failing too often: 429 (templates/error/429.html)
                .addFilterBefore(failures.refusingLockedOut(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, LOGIN), (request, response, wait) ->
                                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value())),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new OversizedImports(limits.importMaxSize()), CsrfFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn())
                        .accessDeniedHandler(signInAgainIfTheSessionEnded()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?signedOut")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "media-src 'self' https:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * After sign-in the operator lands on the page they asked for, under its own address (no "?continue"): a page,
     * never one of the requests an open page makes in the background (its progress, live list and event streams).
     */
    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        cache.setRequestMatcher(new AndRequestMatcher(paths.matcher(HttpMethod.GET, "/**"),
                new NegatedRequestMatcher(new OrRequestMatcher(paths.matcher("/console/**"),
                        paths.matcher("/calls/*/events"), paths.matcher("/favicon.ico")))));
        return cache;
    }

    /**
     * A form posted from a page left open after its session ended (a restart or deploy, 12 h idle) lost its CSRF token
     * with the session: the sign-in page says so, rather than a bare 403. A post without a token under a live session
     * (another site's) is still a 403. Spring Security's CSRF filter uses this handler too.
     */
    private static AccessDeniedHandler signInAgainIfTheSessionEnded() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();
        return (request, response, denied) -> {
            if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
                redirects.sendRedirect(request, response, LOGIN + "?expired");
            } else {
                forbidden.handle(request, response, denied);
            }
        };
    }

    /** A visitor without a session is sent to the sign-in page by its path, not by a URL built from the Host header. */
    private static LoginUrlAuthenticationEntryPoint signIn() {
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(LOGIN);
        signIn.setFavorRelativeUris(true);
        return signIn;
    }

    /**
     * The page asked for before signing in, or home. The saved request remembers a whole URL, built from the Host
     * header of the request that asked; only its path and query are sent back.
     */
    private static SavedRequestAwareAuthenticationSuccessHandler backToTheAskedPage() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setRequestCache(savedRequests());
        handler.setDefaultTargetUrl("/");
        DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();
        handler.setRedirectStrategy((request, response, url) -> redirects.sendRedirect(request, response, pathOf(url)));
        return handler;
    }

    /** The path and query of a URL; home for anything else, a path that would leave this server ("//host") included. */
    static String pathOf(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "/";
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            return "/";
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
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
