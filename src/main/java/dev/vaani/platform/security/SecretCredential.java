package dev.vaani.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A shared secret presented with a request (the admin key, the webhook secret). Unauthenticated as read from the
 * request; authenticated, without the secret, once a {@link SharedSecretAuthenticationProvider} accepted it.
 */
final class SecretCredential extends AbstractAuthenticationToken {

    private final String realm;
    private transient String presented;

    private SecretCredential(String realm, String presented, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.realm = realm;
        this.presented = presented;
        setAuthenticated(!authorities.isEmpty());
    }

    static SecretCredential presented(String realm, String secret) {
        return new SecretCredential(realm, secret, List.of());
    }

    static SecretCredential accepted(String realm, Collection<? extends GrantedAuthority> authorities) {
        return new SecretCredential(realm, null, authorities);
    }

    String realm() {
        return realm;
    }

    @Override
    public Object getCredentials() {
        return presented;
    }

    @Override
    public Object getPrincipal() {
        return realm;
    }

    @Override
    public void eraseCredentials() {
        presented = null;
    }

    @Override
    public String toString() {
        return "SecretCredential[" + realm + ", authenticated=" + isAuthenticated() + "]";
    }
}
