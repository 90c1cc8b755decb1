package dev.vaani.platform.secrets;

import java.util.regex.Pattern;

/** Makes a URL safe to print or log: the password of its user info and its token/secret parameters are masked. */
public final class SecretMasking {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("([?&;](?:token|secret|sig|signature|api_key|apikey|key)=)[^&#]*", Pattern.CASE_INSENSITIVE);

    private SecretMasking() {
    }

    public static String url(Object url) {
        if (url == null) {
            return "null";
        }
        String masked = USER_INFO.matcher(url.toString()).replaceFirst("$1****@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1****");
    }
}
