package dev.vaani.telephony.exotel;

import tools.jackson.core.JacksonException;
import static dev.vaani.telephony.exotel.ExotelApiException.Reason;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.CallProperties;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.crm.PhoneMasking;
import dev.vaani.privacy.UntrustedText;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Exotel Voice v1 REST API: place a call, read a call's details. Requests are rate limited on our side, retried with
 * backoff on 429 (honouring Retry-After) and, for reads, on 5xx and network errors; any other refusal becomes an
 * {@link ExotelApiException} with a reason. Placing a call is repeated only when Exotel certainly did not act on it
 * (429, a redirect, or no connection made): after a timeout, a 5xx, or a 2xx without a readable Call.Sid the call may
 * exist, so it fails with
 * {@link Reason#OUTCOME_UNKNOWN} and the dialer asks the call-details API before any redial. The API key and token never reach a log line; phone numbers are masked.
 */
@Component
public class ExotelClient {

    private static final Logger log = LoggerFactory.getLogger(ExotelClient.class);
    /** Exotel's largest TimeLimit (4 hours). */
    private static final int MAX_TIME_LIMIT_SECONDS = 14_400;
    private static final int WRAP_UP_ALLOWANCE_SECONDS = 60;

    private final ExotelProperties exotel;
    private final ExotelCallUrls urls;
    private final CallProperties call;
    private final JsonMapper json;
    private final CallIdentitySigner identities;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RateLimiter rateLimiter;
    private final Retry retry;

    public ExotelClient(ExotelProperties exotel, ExotelClientSettings settings, ExotelCallUrls urls,
                        CallProperties call, JsonMapper json, CallIdentitySigner identities) {
        this.exotel = exotel;
        this.identities = identities;
        this.urls = urls;
        this.call = call;
        this.json = json;
        this.requestTimeout = settings.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.rateLimiter = RateLimiter.of("exotel", RateLimiterConfig.custom()
                .limitForPeriod(settings.requestsPerMinute()).limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(2)).build());
        IntervalBiFunction<Object> backoff = (attempt, outcome) -> {
            long exponential = Math.min(settings.maxBackoff().toMillis(),
                    settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
            if (outcome.isLeft() && outcome.getLeft() instanceof RetryableResponse r && r.retryAfter != null) {
                return Math.min(settings.maxBackoff().toMillis(), r.retryAfter.toMillis());
            }
            return exponential;
        };
        this.retry = Retry.of("exotel", RetryConfig.custom().maxAttempts(settings.maxAttempts())
                .intervalBiFunction(backoff).retryExceptions(RetryableResponse.class).build());
    }

    /** Places an outbound call: to the flow when EXOTEL_EXOPHLO_ID is set, else straight to our media stream. */
    public CallPlacement makeCall(OutboundCallRequest request) {
        Map<String, String> form = callForm(request);
        log.info("Placing call to {} (lead {}, campaign {}, attempt {})", PhoneMasking.mask(request.phone()),
                request.leadId(), request.campaignId(), request.attempt());
        JsonNode body = send(() -> HttpRequest.newBuilder(accountUri("/Calls/connect.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ExotelCallUrls.encode(form))), false);
        JsonNode callNode = field(body, "Call");
        String sid = text(callNode, "Sid");
        if (sid == null || sid.isBlank()) {
            // Exotel said yes, so the call may well be ringing: redialling now would call the lead twice
            throw new ExotelApiException(200, Reason.OUTCOME_UNKNOWN,
                    "Exotel accepted the call but sent no Call.Sid; the call may have been placed");
        }
        return new CallPlacement(sid, text(callNode, "Status"));
    }

    /** The call as Exotel sees it now; a fallback when status callbacks are late or lost. */
    public CallDetails getCallDetails(String callSid) {
        String path = "/Calls/" + URLEncoder.encode(callSid, StandardCharsets.UTF_8) + ".json";
        return details(field(send(() -> HttpRequest.newBuilder(accountUri(path)).GET(), true), "Call"));
    }

    /**
     * Calls Exotel created from {@code phone} (the number dialled first) between two instants: the bulk call-details
     * API, used to find out whether a placement whose answer we never got made a call.
     */
    public List<CallDetails> findCalls(String phone, Instant from, Instant to) {
        String query = "From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&DateCreated="
                + URLEncoder.encode("gte:" + ExotelTimes.format(from) + ";lte:" + ExotelTimes.format(to), StandardCharsets.UTF_8)
                + "&PageSize=100";
        JsonNode calls = field(send(() -> HttpRequest.newBuilder(accountUri("/Calls.json?" + query)).GET(), true), "Calls");
        List<CallDetails> found = new ArrayList<>();
        if (calls != null && calls.isArray()) {
            calls.forEach(c -> found.add(details(c.has("Call") || c.has("call") ? field(c, "Call") : c)));
        }
        return found;
    }

    private static CallDetails details(JsonNode c) {
        String duration = text(c, "Duration");
        return new CallDetails(text(c, "Sid"), text(c, "Status"), text(c, "From"), text(c, "To"),
                text(c, "Direction"), ExotelTimes.parse(text(c, "StartTime")), ExotelTimes.parse(text(c, "EndTime")),
                duration == null || !duration.matches("\\d+") ? null : Integer.valueOf(duration), text(c, "Price"),
                text(c, "RecordingUrl"), ExotelTimes.parse(text(c, "DateCreated")), text(c, "CustomField"));
    }

    Map<String, String> callForm(OutboundCallRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", request.phone());
        form.put("CallerId", exotel.virtualNumber());
        if (exotel.exophloId().isBlank()) {
            // who the call is about travels signed: /media believes nothing else
            String identity = identities.sign(request.leadId(), request.campaignId(), request.scheduledCallId(), null);
            form.put("StreamUrl", urls.mediaStreamUrl(Map.of(CallIdentitySigner.PARAMETER, identity)));
            form.put("StreamType", "bidirectional");
        } else {
            form.put("Url", urls.flowUrl());
            form.put("CallType", "trans");
        }
        form.put("CustomField", ExotelCallUrls.customField(request));
        form.put("StatusCallback", urls.statusCallbackUrl());
        form.put("StatusCallbackEvents[0]", "terminal");
        form.put("StatusCallbackEvents[1]", "answered");
        form.put("StatusCallbackContentType", "application/json");
        form.put("TimeLimit", Integer.toString(timeLimitSeconds(call)));
        // Two channels (caller and bot apart) make a recording that can be transcribed or reviewed per speaker.
        boolean record = request.record() || exotel.recordCalls();
        form.put("Record", Boolean.toString(record));
        if (record) {
            form.put("RecordingChannels", "dual");
        }
        return form;
    }

    /**
     * Exotel's hard stop for the call. The call wraps up politely at MAX_CALL_DURATION_MINUTES from the stream's start,
     * which comes after Exotel's count begins: a limit of exactly that long would cut the line before the goodbye, or
     * before the wrap-up even starts. The goodbye gets a minute (it hangs up at the latest 20 s after it began).
     */
    static int timeLimitSeconds(CallProperties call) {
        return Math.min(MAX_TIME_LIMIT_SECONDS, call.maxDurationMinutes() * 60 + WRAP_UP_ALLOWANCE_SECONDS);
    }

    private URI accountUri(String path) {
        return URI.create(exotel.baseUrl().replaceAll("/+$", "") + "/v1/Accounts/" + exotel.accountSid() + path);
    }

    /**
     * @param repeatable whether the request may be repeated after it may have reached Exotel (reads); a placement is
     *                   repeated only when Exotel certainly did not act on it
     */
    private JsonNode send(Supplier<HttpRequest.Builder> request, boolean repeatable) {
        try {
            return Retry.decorateCheckedSupplier(retry, () -> RateLimiter.decorateCheckedSupplier(rateLimiter,
                    () -> sendOnce(request.get(), repeatable)).get()).get();
        } catch (RetryableResponse e) {
            throw e.toApiException();
        } catch (ExotelApiException e) {
            throw e;
        } catch (Throwable e) {
            throw new ExotelApiException(0, Reason.NETWORK, "Exotel request failed: " + e.getClass().getSimpleName());
        }
    }

    private JsonNode sendOnce(HttpRequest.Builder builder, boolean repeatable) throws IOException, InterruptedException {
        String credentials = exotel.apiKey() + ":" + exotel.apiToken();
        HttpRequest request = builder.timeout(requestTimeout).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            boolean neverSent = e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException;
            if (!repeatable && !neverSent) {
                throw new ExotelApiException(0, Reason.OUTCOME_UNKNOWN, "No answer from Exotel ("
                        + e.getClass().getSimpleName() + "); the call may have been placed");
            }
            throw new RetryableResponse(0, Reason.NETWORK, "Exotel unreachable: " + e.getClass().getSimpleName(), null);
        }
        int status = response.statusCode();
        String message = errorMessage(response.body());
        if (status == 429) {
            Duration retryAfter = response.headers().firstValue("Retry-After").filter(v -> v.strip().matches("\\d+"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
            log.warn("Exotel rate limit hit (429); retry after {}", retryAfter);
            throw new RetryableResponse(status, Reason.RATE_LIMITED, "Exotel rate limit exceeded" + suffix(message), retryAfter);
        }
        if (status >= 500 && !repeatable) {
            log.warn("Exotel server error {} placing a call; it may have been placed", status);
            throw new ExotelApiException(status, Reason.OUTCOME_UNKNOWN, "Exotel server error " + status + suffix(message)
                    + "; the call may have been placed");
        }
        if (status >= 500) {
            log.warn("Exotel server error {}", status);
            throw new RetryableResponse(status, Reason.SERVER_ERROR, "Exotel server error " + status + suffix(message), null);
        }
        if (status >= 400) {
            throw clientError(status, message);
        }
        if (status >= 300) {
            // nothing was done at a URL that redirects (http for https, the other region's host)
            throw new ExotelApiException(status, Reason.SERVER_ERROR, "Exotel answered " + status
                    + " (a redirect) and did nothing; check EXOTEL_BASE_URL (https, your account's region)");
        }
        if (response.body() == null || response.body().isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            // an answer that is not JSON (a proxy's page, a cut-off body) still came after Exotel had the request
            throw new ExotelApiException(status, repeatable ? Reason.SERVER_ERROR : Reason.OUTCOME_UNKNOWN,
                    "Exotel answered " + status + " with a body that is not JSON"
                            + (repeatable ? "" : "; the call may have been placed"));
        }
    }

    static ExotelApiException clientError(int status, String message) {
        String lower = message == null ? "" : message.toLowerCase();
        // "Account blocked" is the whole account's refusal, and taking it for the number's would fail every lead
        boolean aboutTheAccount = lower.contains("account");
        if (lower.contains("dnd") || !aboutTheAccount && (lower.contains("blocked") || lower.contains("blacklist"))) {
            return new ExotelApiException(status, Reason.NUMBER_BLOCKED, "Number blocked by Exotel (DND or blacklist)" + suffix(message));
        }
        return switch (status) {
            case 400 -> new ExotelApiException(status, Reason.INVALID_REQUEST, "Invalid request or phone number" + suffix(message));
            case 401 -> new ExotelApiException(status, Reason.BAD_CREDENTIALS, "Exotel rejected the API key/token (401); check EXOTEL_API_KEY, EXOTEL_API_TOKEN, EXOTEL_ACCOUNT_SID");
            case 402 -> new ExotelApiException(status, Reason.PAYMENT_REQUIRED, "Exotel refused the account (402): insufficient balance or a plan limit; top up or upgrade the plan" + suffix(message));
            case 403 -> new ExotelApiException(status, Reason.FEATURE_NOT_ENABLED, "Exotel refused the account (403): it is suspended or lacks a feature (voice streaming); ask Exotel support" + suffix(message));
            case 404 -> new ExotelApiException(status, Reason.NOT_FOUND, "Not found at Exotel (404); check EXOTEL_ACCOUNT_SID and EXOTEL_BASE_URL" + suffix(message));
            default -> new ExotelApiException(status, Reason.INVALID_REQUEST, "Exotel refused the request (" + status + ")" + suffix(message));
        };
    }

    private String errorMessage(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            return text(field(json.readTree(body), "RestException"), "Message");
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Exotel's own words, which end up in our log lines and call rows: one line, bounded, numbers masked. */
    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : ": " + UntrustedText.escaped(message, 200);
    }

    /** A field by name, ignoring case (Exotel's docs show both {"Call":{"Sid"}} and {"call":{"sid"}}). */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (var entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null || value.isNull() ? null : value.asString("");
    }

    /** A failed try worth repeating; becomes an {@link ExotelApiException} when the tries run out. */
    private static final class RetryableResponse extends RuntimeException {
        private final int status;
        private final Reason reason;
        private final Duration retryAfter;

        RetryableResponse(int status, Reason reason, String message, Duration retryAfter) {
            super(message, null, false, false);
            this.status = status;
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        ExotelApiException toApiException() {
            return new ExotelApiException(status, reason, getMessage());
        }
    }
}
