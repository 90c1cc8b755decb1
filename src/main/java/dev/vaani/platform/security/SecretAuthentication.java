package dev.vaani.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The shared secrets a chain checks. Each is an {@link AuthenticationFilter} on the requests its matcher takes,
 * whose failures are counted per address, behind a filter that answers 429 to the attempts of an address locked out
 * for too many of them ({@link FailedAuthentications}). One configurer holds all of a chain's secrets: a chain keeps
 * one configurer of a type, so a second one applied would silently replace the first.
 */
final class SecretAuthentication extends AbstractHttpConfigurer<SecretAuthentication, HttpSecurity> {

    /**
     * One secret: where a request presents it, whether it is right (compared in constant time), the role it grants,
     * how a request without it is answered, and the requests it is checked on.
     */
    record Secret(PresentedSecret presented, Predicate<String> matches, String role,
                  AuthenticationEntryPoint entryPoint, RequestMatcher where) {
    }

    private final FailedAuthentications failures;
    private final ProblemResponses problems;
    private final List<Secret> secrets;

    SecretAuthentication(FailedAuthentications failures, ProblemResponses problems, Secret... secrets) {
        this.failures = failures;
        this.problems = problems;
        this.secrets = List.of(secrets);
    }

    @Override
    public void configure(HttpSecurity http) {
        for (Secret secret : secrets) {
            PresentedSecret presented = secret.presented();
            AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(
                    new SharedSecretAuthenticationProvider(presented.realm(), secret.matches(), secret.role())),
                    presented);
            filter.setRequestMatcher(secret.where());
            filter.setSuccessHandler((request, response, authentication) -> { }); // go on with the request
            filter.setFailureHandler(failures.counting(presented.realm(), secret.entryPoint()::commence));
            http.addFilterBefore(filter, AnonymousAuthenticationFilter.class)
                    .addFilterBefore(failures.refusingLockedOut(new AndRequestMatcher(secret.where(),
                            presents(presented)), this::tooManyFailures), AuthenticationFilter.class);
        }
    }

    /** An attempt: a request that presents the secret, right, wrong or malformed. */
    private static RequestMatcher presents(PresentedSecret secret) {
        return request -> {
            try {
                return secret.convert(request) != null;
            } catch (AuthenticationException malformed) {
                return true;
            }
        };
    }

    private void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed authentications from this address; try again in " + wait.toSeconds() + " s");
    }
}
