package dev.vaani.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A lead file over the import limit, chosen on a campaign's page, is refused on that page in words, before anything
 * reads it: left to the container, the upload failed its multipart limit with a bare 413 error page. The page's
 * script refuses such a file before sending it; this is for a browser without it. The redirect changes nothing, so
 * it may come before the CSRF check (which would otherwise parse the oversized form to find its token).
 */
final class OversizedImports extends OncePerRequestFilter {

    /** The campaign page's parameter that says the file chosen was too large. */
    static final String REFUSED = "importTooLarge";

    private static final Pattern CAMPAIGN_ID = Pattern.compile("\\d{1,18}");

    private final RequestMatcher check = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/campaigns/{id}/import/check");
    private final long maxBytes;

    OversizedImports(DataSize max) {
        this.maxBytes = max.toBytes();
    }

    /** What the page says of a file too large, for the server's refusal and the page's script alike. */
    static String message(DataSize max) {
        long bytes = max.toBytes();
        String size = bytes % DataSize.ofMegabytes(1).toBytes() == 0 ? max.toMegabytes() + " MB"
                : bytes % DataSize.ofKilobytes(1).toBytes() == 0 ? max.toKilobytes() + " KB" : bytes + " bytes";
        return "That file is larger than " + size + ", the most one import takes: split it into smaller files and "
                + "import each.";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the multipart limit is on the whole body too (spring.servlet.multipart.max-request-size)
        if (request.getContentLengthLong() > maxBytes) {
            var match = check.matcher(request);
            String id = match.isMatch() ? match.getVariables().get("id") : null;
            if (id != null && CAMPAIGN_ID.matcher(id).matches()) {
                response.sendRedirect(request.getContextPath() + "/campaigns/" + id + "?" + REFUSED + "#import");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
