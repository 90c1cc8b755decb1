package dev.vaani.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the secret a request presents, from the places its realm allows. No secret at all gives null (the request
 * goes on anonymous and is refused where a role is needed); a malformed one (a Basic header that is not base64
 * "user:password", a header sent twice, different secrets in different places, bad percent-encoding should any get
 * past {@link MalformedQueryFilter}) is a {@link BadCredentialsException}, answered 401 like a wrong one, never 500.
 */
final class PresentedSecret implements AuthenticationConverter {

    static final String ADMIN_REALM = "admin API key";
    static final String WEBHOOK_REALM = "webhook secret";
    static final String MEDIA_REALM = "media secret";
    static final String ADMIN_KEY_HEADER = "X-API-Key";

    private final String realm;
    private final String header;
    private final boolean bearer;
    private final boolean basicPassword;
    private final String queryParameter;

    private PresentedSecret(String realm, String header, boolean bearer, boolean basicPassword, String queryParameter) {
        this.realm = realm;
        this.header = header;
        this.bearer = bearer;
        this.basicPassword = basicPassword;
        this.queryParameter = queryParameter;
    }

    /** The admin key: {@code X-API-Key}, or {@code Authorization: Bearer}. */
    static PresentedSecret adminKey() {
        return new PresentedSecret(ADMIN_REALM, ADMIN_KEY_HEADER, true, false, null);
    }

    /**
     * The webhook secret: {@code X-Vaani-Secret}, the {@code secret} query parameter (what we put in the
     * StatusCallback URL and what operators put in the voicebot applet's URL), or a Basic auth password.
     */
    static PresentedSecret webhookSecret() {
        return new PresentedSecret(WEBHOOK_REALM, "X-Vaani-Secret", false, true, "secret");
    }

    /**
     * The media secret: the {@code token} query parameter (what our Exotel URLs carry) or a Basic auth password
     * (credentials written into the stream's URL, which Exotel sends as Basic auth).
     */
    static PresentedSecret mediaSecret() {
        return new PresentedSecret(MEDIA_REALM, null, false, true, "token");
    }

    String realm() {
        return realm;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        List<String> candidates = new ArrayList<>();
        List<String> headers = header == null ? List.of() : Collections.list(request.getHeaders(header));
        if (headers.size() > 1) {
            throw malformed(header + " sent more than once");
        }
        candidates.addAll(headers);
        List<String> authorizations = Collections.list(request.getHeaders("Authorization"));
        if (authorizations.size() > 1) {
            throw malformed("Authorization sent more than once");
        }
        for (String authorization : authorizations) {
            if (bearer && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                candidates.add(authorization.substring(7));
            } else if (basicPassword && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                candidates.add(basicPassword(authorization.substring(6).strip()));
            }
        }
        if (queryParameter != null) {
            candidates.addAll(queryValues(request.getQueryString()));
        }
        List<String> distinct = candidates.stream().map(String::strip).distinct().toList();
        if (distinct.isEmpty()) {
            return null;
        }
        if (distinct.size() > 1 || distinct.getFirst().isEmpty()) {
            throw malformed("more than one or an empty " + realm);
        }
        return SecretCredential.presented(realm, distinct.getFirst());
    }

    private String basicPassword(String encoded) {
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("Basic credentials are not base64");
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            throw malformed("Basic credentials are not user:password");
        }
        return credentials.substring(colon + 1);
    }

    /** The parameter's values in the raw query string, decoded; nothing here can throw anything but 401. */
    private List<String> queryValues(String query) {
        List<String> values = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(name).equals(queryParameter)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("malformed percent-encoding in the query");
        }
    }

    private BadCredentialsException malformed(String why) {
        return new BadCredentialsException("Malformed " + realm + ": " + why);
    }
}
