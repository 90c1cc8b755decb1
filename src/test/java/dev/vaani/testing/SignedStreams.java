package dev.vaani.testing;

import dev.vaani.call.CallProperties;
import dev.vaani.call.identity.CallIdentitySigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Media stream URLs as our dialer hands them to Exotel: the call's identity signed, and the media secret when one
 * is configured. Tests that need the server to know whom a call is for use these instead of a bare lead_id.
 */
public final class SignedStreams {

    private SignedStreams() {
    }

    /** ws://127.0.0.1:port/media?vaani_call=…[&token=…] for this lead and campaign (either may be null). */
    public static String mediaUrl(int port, CallIdentitySigner signer, CallProperties call, Long leadId, Long campaignId) {
        return "ws://127.0.0.1:" + port + call.websocketPath() + "?" + query(signer.sign(leadId, campaignId, null, null), call);
    }

    /** The query for an identity parameter value of our choosing (a forged or expired one, say). */
    public static String query(String identity, CallProperties call) {
        String query = CallIdentitySigner.PARAMETER + "=" + URLEncoder.encode(identity, StandardCharsets.UTF_8);
        return call.mediaAuthRequired()
                ? query + "&token=" + URLEncoder.encode(call.mediaSecret(), StandardCharsets.UTF_8) : query;
    }
}
