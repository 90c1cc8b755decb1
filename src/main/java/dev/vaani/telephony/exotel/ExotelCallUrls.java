package dev.vaani.telephony.exotel;

import dev.vaani.call.CallProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The URLs we hand to Exotel: the media stream, the status callback, the flow, and the CustomField link. */
@Component
public class ExotelCallUrls {

    private final URI publicBaseUrl;
    private final CallProperties call;
    private final ExotelProperties exotel;

    public ExotelCallUrls(@Value("${vaani.public-base-url}") String publicBaseUrl, CallProperties call,
                          ExotelProperties exotel) {
        this.publicBaseUrl = URI.create(publicBaseUrl.replaceAll("/+$", ""));
        this.call = call;
        this.exotel = exotel;
    }

    /**
     * wss URL of our /media endpoint with at most three custom parameters (Exotel's limit), plus the media secret.
     * Plain http base URLs (local tests) give ws://.
     */
    public String mediaStreamUrl(Map<String, String> customParameters) {
        return mediaStreamUrl(customParameters, false);
    }

    /**
     * As {@link #mediaStreamUrl(Map)}; with basicAuth the media secret goes in the URL's user info instead of the
     * query (Exotel then sends it as an Authorization: Basic header), leaving all three custom parameters free.
     */
    public String mediaStreamUrl(Map<String, String> customParameters, boolean basicAuth) {
        String scheme = "https".equalsIgnoreCase(publicBaseUrl.getScheme()) ? "wss" : "ws";
        Map<String, String> query = new LinkedHashMap<>();
        customParameters.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank()).limit(3)
                .forEach(e -> query.put(e.getKey(), e.getValue()));
        String authority = publicBaseUrl.getRawAuthority();
        if (call.mediaAuthRequired() && basicAuth) {
            authority = "vaani:" + enc(call.mediaSecret()) + "@" + authority;
        } else if (call.mediaAuthRequired()) {
            query.put("token", call.mediaSecret());
        }
        return scheme + "://" + authority + call.websocketPath() + (query.isEmpty() ? "" : "?" + encode(query));
    }

    /** Where Exotel posts status callbacks; carries the webhook secret when one is set. */
    public String statusCallbackUrl() {
        String url = publicBaseUrl + "/webhooks/exotel/call-status";
        return exotel.webhookSecret().isBlank() ? url : url + "?secret=" + enc(exotel.webhookSecret());
    }

    /** The Exotel flow (ExoPhlo/App Bazaar app) URL; Mumbai-region accounts use my.in.exotel.com. */
    public String flowUrl() {
        String host = exotel.baseUrl().contains(".in.exotel.com") ? "my.in.exotel.com" : "my.exotel.com";
        return "http://" + host + "/" + exotel.accountSid() + "/exoml/start_voice/" + exotel.exophloId();
    }

    /**
     * Our link on the call, echoed back by Exotel in callbacks and to the flow: lead=12;campaign=3;attempt=2;scheduled=40.
     */
    public static String customField(OutboundCallRequest request) {
        String value = "lead=" + request.leadId() + (request.campaignId() == null ? "" : ";campaign=" + request.campaignId())
                + ";attempt=" + request.attempt()
                + (request.scheduledCallId() == null ? "" : ";scheduled=" + request.scheduledCallId());
        return value.length() <= 128 ? value : value.substring(0, 128);
    }

    /** Reads a CustomField written by {@link #customField}; unknown parts are ignored. */
    public static Map<String, String> parseCustomField(String customField) {
        Map<String, String> values = new LinkedHashMap<>();
        if (customField == null) {
            return values;
        }
        for (String part : customField.split("[;&]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return values;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
