package dev.vaani.platform.security;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Accepts a {@link SecretCredential} of its realm when the presented secret matches (compared in constant time by
 * the predicate) and grants the realm's role; anything else is a {@link BadCredentialsException}.
 */
final class SharedSecretAuthenticationProvider implements AuthenticationProvider {

    private final String realm;
    private final Predicate<String> matches;
    private final String role;

    SharedSecretAuthenticationProvider(String realm, Predicate<String> matches, String role) {
        this.realm = realm;
        this.matches = matches;
        this.role = role;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SecretCredential credential = (SecretCredential) authentication;
        if (!realm.equals(credential.realm()) || !(credential.getCredentials() instanceof String presented)
                || !matches.test(presented)) {
            throw new BadCredentialsException("Wrong " + realm);
        }
        return SecretCredential.accepted(realm, List.copyOf(AuthorityUtils.createAuthorityList("ROLE_" + role)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return SecretCredential.class.isAssignableFrom(authentication);
    }
}
