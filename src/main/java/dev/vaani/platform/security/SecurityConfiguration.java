package dev.vaani.platform.security;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallProperties;
import dev.vaani.platform.admin.AdminApiKey;
import dev.vaani.platform.secrets.SharedSecret;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP; the chains and their order are described in {@link SecurityOrder}. Paths are matched
 * as Spring MVC routes them (decoded, path parameters removed, case-sensitive, no trailing-slash match), and
 * the {@link StrictHttpFirewall} first refuses with 400 anything that could be read two ways ({@code ;}, {@code //},
 * {@code /./}, {@code /../}, encoded slashes, dots and percent signs), so no path trick reaches a handler that the
 * chain did not see. Before all of them, {@link MalformedQueryFilter} refuses a query that is not valid
 * percent-encoding.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String ADMIN = "ADMIN";
    static final String EXOTEL = "EXOTEL";
    static final String MEDIA = "MEDIA";
    static final String STATUS_WEBHOOK = "/webhooks/exotel/call-status";
    static final String VOICEBOT_URL = "/exotel/voicebot-url";
    /** The flow's Passthru applet asks here whether the bot handed the caller over (docs/exotel-setup.md). */
    static final String TRANSFER_CHECK = "/webhooks/exotel/transfer-check";
    /** The console's sign-in page (dev.vaani.console), where a browser without a session is sent for the API docs. */
    static final String CONSOLE_SIGN_IN = "/login";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** String matchers in any chain (the console's too) are path patterns, as Spring MVC's own routes are. */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** In front of every filter and servlet, the WebSocket upgrade and the security chains included. */
    @Bean
    FilterRegistrationBean<MalformedQueryFilter> malformedQueryFilter(JsonMapper json) {
        FilterRegistrationBean<MalformedQueryFilter> registration =
                new FilterRegistrationBean<>(new MalformedQueryFilter(new ProblemResponses(json)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FailedAuthentications failedAuthentications(FailedAuthenticationLimits limits, Clock clock,
                                                StringRedisTemplate redis) {
        return new FailedAuthentications(limits, clock, redis);
    }

    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        ProblemResponses problems = new ProblemResponses(json);
        return (request, response, rejected) -> {
            log.debug("Refused a request the firewall found ambiguous: {}", rejected.getMessage());
            problems.write(request, response, HttpStatus.BAD_REQUEST, "The request path or headers are not allowed");
        };
    }

    @Bean
    @Order(SecurityOrder.API)
    SecurityFilterChain adminApi(HttpSecurity http, AdminApiKey key, JsonMapper json, HttpLimits limits,
                                 FailedAuthentications failures) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Send the admin API key in the X-API-Key header (or Authorization: Bearer)");
        };
        RequestMatcher importPath = PATHS.matcher("/api/leads/import");
        stateless(http, entryPoint, problems)
                .securityMatcher(new OrRequestMatcher(PATHS.matcher("/api/**"), PATHS.matcher("/actuator/**")))
                .authorizeHttpRequests(authorize -> authorize
                        // Status only; details and components need the key (show-details: when-authorized).
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/actuator/health"),
                                PATHS.matcher(HttpMethod.GET, "/actuator/health/liveness"),
                                PATHS.matcher(HttpMethod.GET, "/actuator/health/readiness")).permitAll()
                        .anyRequest().hasRole(ADMIN))
                .with(new SecretAuthentication(failures, problems, new SecretAuthentication.Secret(
                        PresentedSecret.adminKey(), key::matches, ADMIN, entryPoint, AnyRequestMatcher.INSTANCE)),
                        Customizer.withDefaults())
                .addFilterAfter(new RequestBodyLimitFilter(request -> importPath.matches(request)
                        ? limits.importMaxSize().toBytes() : limits.apiMaxBody().toBytes(), problems),
                        AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The API's description and Swagger UI: the admin key, as for the API, or the console's sign-in session, so an
     * operator signed in to the console can read them in the browser (Swagger UI's "Try it out" still needs the key,
     * given with its Authorize button: {@code /api/**} takes no session). A browser without either is sent to the
     * console's sign-in page and comes back here afterwards; any other client gets 401.
     */
    @Bean
    @Order(SecurityOrder.API_DOCS)
    SecurityFilterChain apiDocs(HttpSecurity http, AdminApiKey key, JsonMapper json, FailedAuthentications failures)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint refuse = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Sign in to the console, or send the admin API key in the X-API-Key header");
        };
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(CONSOLE_SIGN_IN);
        signIn.setFavorRelativeUris(true); // a path, not a URL built from the Host header
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL)); // "*/*" is any client, not a browser asking for a page
        AuthenticationEntryPoint entryPoint = (request, response, e) ->
                (browser.matches(request) ? signIn : refuse).commence(request, response, e);
        AccessDeniedHandler denied = (request, response, e) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "Not allowed with these credentials");
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setMatchingRequestParameterName(null); // as the console's: it redirects back after signing in
        savedRequests.setRequestMatcher(browser); // no session for an API client
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/v3/api-docs/**"), PATHS.matcher("/swagger-ui/**"),
                        PATHS.matcher("/swagger-ui.html")))
                // The console's session is read (never created here but to remember where to come back to).
                .requestCache(cache -> cache.requestCache(savedRequests))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/**")).hasRole(ADMIN)
                        .anyRequest().denyAll())
                .with(new SecretAuthentication(failures, problems, new SecretAuthentication.Secret(
                        PresentedSecret.adminKey(), key::matches, ADMIN, entryPoint, AnyRequestMatcher.INSTANCE)),
                        Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied));
        return http.build();
    }

    @Bean
    @Order(SecurityOrder.EXOTEL)
    SecurityFilterChain exotel(HttpSecurity http, JsonMapper json, HttpLimits limits, FailedAuthentications failures,
                               @Value("${vaani.exotel.webhook-secret}") String webhookSecret, CallProperties call,
                               CallMetrics metrics) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint webhookEntryPoint = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"vaani-webhooks\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Missing or wrong webhook secret "
                    + "(secret query parameter, X-Vaani-Secret header or Basic auth password)");
        };
        String mediaPath = call.websocketPath();
        RequestMatcher media = PATHS.matcher(mediaPath);
        AuthenticationEntryPoint mediaEntryPoint = new MediaStreamRefusal(problems, metrics);
        AuthenticationEntryPoint entryPoint = (request, response, e) ->
                (media.matches(request) ? mediaEntryPoint : webhookEntryPoint).commence(request, response, e);
        SharedSecret secret = new SharedSecret(webhookSecret);
        // Fails closed: the server always has a media secret (generated when MEDIA_SECRET is unset); without one,
        // no stream is let in.
        Predicate<String> mediaSecret = call.mediaAuthRequired() ? new SharedSecret(call.mediaSecret())::matches
                : presented -> false;
        stateless(http, entryPoint, problems)
                .securityMatcher(new OrRequestMatcher(PATHS.matcher("/webhooks/**"), PATHS.matcher("/exotel/**"),
                        PATHS.matcher(mediaPath)))
                .authorizeHttpRequests(authorize -> authorize
                        // checked here, before the WebSocket handshake and any call state
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, mediaPath)).hasRole(MEDIA)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, STATUS_WEBHOOK)).hasRole(EXOTEL)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, VOICEBOT_URL),
                                PATHS.matcher(HttpMethod.POST, VOICEBOT_URL)).hasRole(EXOTEL)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, TRANSFER_CHECK),
                                PATHS.matcher(HttpMethod.POST, TRANSFER_CHECK)).hasRole(EXOTEL)
                        .anyRequest().denyAll())
                .with(new SecretAuthentication(failures, problems,
                        new SecretAuthentication.Secret(PresentedSecret.webhookSecret(), secret::matches, EXOTEL,
                                webhookEntryPoint,
                                // not on the media path: a Basic password there is the media secret
                                new OrRequestMatcher(PATHS.matcher("/webhooks/**"), PATHS.matcher("/exotel/**"))),
                        new SecretAuthentication.Secret(PresentedSecret.mediaSecret(), mediaSecret, MEDIA,
                                mediaEntryPoint, media)), Customizer.withDefaults())
                .addFilterAfter(new RequestBodyLimitFilter(request -> limits.webhookMaxBody().toBytes(), problems),
                        AuthorizationFilter.class);
        return http.build();
    }

    /** Whatever no chain above claimed (console paths included until the console's chain exists) is refused. */
    @Bean
    @Order(SecurityOrder.DENY_ALL)
    SecurityFilterChain denyEverythingElse(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint entryPoint = (request, response, e) ->
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required");
        stateless(http, entryPoint, problems)
                .authorizeHttpRequests(authorize -> authorize
                        // Error pages of requests a chain above already let through (their body has no data).
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    private static HttpSecurity stateless(HttpSecurity http, AuthenticationEntryPoint entryPoint,
                                          ProblemResponses problems) throws Exception {
        AccessDeniedHandler denied = (request, response, e) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "Not allowed with these credentials");
        return http
                .csrf(AbstractHttpConfigurer::disable) // header credentials only: no cookie for a forged request to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied));
    }
}
