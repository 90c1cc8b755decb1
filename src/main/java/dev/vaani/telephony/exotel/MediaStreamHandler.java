package dev.vaani.telephony.exotel;

import dev.vaani.audio.MuLaw;
import dev.vaani.audio.WholeSamples;
import dev.vaani.call.CallMetrics;
import dev.vaani.call.LiveCall;
import dev.vaani.call.LiveCalls;
import dev.vaani.call.StreamRefused;
import dev.vaani.call.identity.CallIdentity;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.call.identity.IdentityCheck;
import dev.vaani.privacy.UntrustedText;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Exotel's media stream at {@code /media}: parses every frame, checks the event order, and hands the call's events
 * to its {@link LiveCall}. A malformed frame is logged (once, then counted) and dropped: it never closes the socket
 * of another call, nor this one. A start whose identifiers or numbers we do not take ({@link ExotelIdentifiers}) is
 * refused, as a start for a live or ended call is: counted, logged escaped, its socket closed, nothing stored.
 */
class MediaStreamHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamHandler.class);
    private static final String STATE = "vaani.stream";

    /** One socket's protocol state. */
    private static final class Stream {
        final ExotelEventSequence sequence = new ExotelEventSequence();
        final WebSocketSession session;
        MediaFormat format;
        /** PCM16 frames may split a sample: Exotel promises no frame size (exotel.md §12, point 5). */
        final WholeSamples samples = new WholeSamples();
        /** Read on the container's thread only, one message at a time; a payload's array is read by none other. */
        final MediaFrameBuffers buffers = new MediaFrameBuffers();
        /** What the call tells once it has consumed a payload: the array goes back for a later frame. */
        final Consumer<byte[]> payloadConsumed = buffers::giveBack;
        LiveCall call;
        int rejected;
        /** The parts so far of a message longer than the container's buffer; null between such messages. */
        StringBuilder parts;
        boolean tooBig;

        Stream(WebSocketSession session) {
            this.session = session;
        }
    }

    private final ExotelMessageParser parser = new ExotelMessageParser();
    private final ExotelMessageWriter writer = new ExotelMessageWriter();
    private final LiveCalls calls;
    private final CallMetrics metrics;
    private final CallIdentitySigner identities;
    private final int maxMessageChars;

    MediaStreamHandler(LiveCalls calls, CallMetrics metrics, CallIdentitySigner identities, int maxMessageChars) {
        this.calls = calls;
        this.metrics = metrics;
        this.identities = identities;
        this.maxMessageChars = maxMessageChars;
    }

    /**
     * Messages longer than the container's per-connection buffer arrive in parts, which are joined here up to
     * {@code maxMessageChars}: the buffer every connection holds stays small, yet a long frame is still read whole.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (calls.draining()) {
            closeQuietly(session, CloseStatus.SERVICE_RESTARTED.withReason("server shutting down; no new calls here"));
            return;
        }
        session.getAttributes().put(STATE, new Stream(new ConcurrentWebSocketSessionDecorator(session, 5_000, 1 << 20)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Stream stream = (Stream) session.getAttributes().get(STATE);
        if (stream == null) {
            return; // refused while draining
        }
        String text = whole(stream, message);
        if (text == null) {
            return;
        }
        ExotelInboundEvent event;
        try {
            event = parser.parse(text, stream.buffers);
        } catch (ExotelProtocolException e) {
            reject(stream, "malformed", e.getMessage());
            return;
        }
        Optional<String> illegal = stream.sequence.accept(event);
        if (illegal.isPresent()) {
            reject(stream, "out_of_order", illegal.get());
            if (event instanceof ExotelInboundEvent.Media media) {
                stream.buffers.giveBack(media.payload());
            }
            return;
        }
        switch (event) {
            case ExotelInboundEvent.Connected ignored -> { }
            case ExotelInboundEvent.Start start -> onStart(stream, start);
            case ExotelInboundEvent.Media media -> onMedia(stream, media.payload());
            case ExotelInboundEvent.Dtmf dtmf -> {
                if (stream.call != null) {
                    stream.call.onDtmf(dtmf.digit());
                }
            }
            case ExotelInboundEvent.Mark mark -> {
                if (stream.call != null) {
                    stream.call.onMark(mark.name());
                }
            }
            case ExotelInboundEvent.Stop stop -> {
                if (stream.call != null) {
                    calls.ended(stream.call, StreamFields.stopReason(stream.call, stop.reason()));
                    stream.call = null;
                }
            }
        }
    }

    /**
     * Hands the caller's audio to the call. The payload array goes back to the stream's buffers for a later frame
     * once nothing reads it: after the call consumed it, or at once when the call gets another array (μ-law decoded,
     * a carried byte in front) or none.
     */
    private static void onMedia(Stream stream, byte[] payload) {
        if (stream.call == null) {
            stream.buffers.giveBack(payload);
            return;
        }
        byte[] pcm = stream.format != null && stream.format.isMuLaw()
                ? MuLaw.decode(payload) : stream.samples.nextOwned(payload);
        if (pcm == payload && pcm.length > 0) {
            stream.call.onMedia(pcm, stream.payloadConsumed);
            return;
        }
        stream.buffers.giveBack(payload);
        if (pcm.length > 0) {
            stream.call.onMedia(pcm);
        }
    }

    private void onStart(Stream stream, ExotelInboundEvent.Start start) {
        stream.format = start.mediaFormat();
        int rate = (Integer) stream.session.getAttributes().getOrDefault(MediaStreamHandshake.SAMPLE_RATE, 8000);
        @SuppressWarnings("unchecked")
        Map<String, String> urlParameters = (Map<String, String>) stream.session.getAttributes()
                .getOrDefault(MediaStreamHandshake.PARAMETERS, Map.of());
        Map<String, String> parameters = new HashMap<>(urlParameters);
        parameters.putAll(start.customParameters());
        String callSid = firstNonBlank(start.callSid(), parameters.get("call_sid"), start.streamSid(),
                "local-" + UUID.randomUUID());
        String streamSid = firstNonBlank(start.streamSid(), callSid);
        Optional<StreamFields.Invalid> invalid = StreamFields.invalid(callSid, streamSid, start);
        if (invalid.isPresent()) {
            metrics.callRefused("invalid");
            log.warn("Refused media stream {}: its start has an invalid {} {}", stream.session.getId(),
                    invalid.get().field(), UntrustedText.quoted(invalid.get().value(), 40));
            closeQuietly(stream.session, CloseStatus.POLICY_VIOLATION.withReason("invalid " + invalid.get().field()));
            return;
        }
        CallIdentity identity = trustedIdentity(parameters, callSid);
        try {
            stream.call = calls.start(new LiveCalls.StreamStart(callSid, streamSid,
                    StreamFields.phoneNumber(callSid, "from", start.from()),
                    StreamFields.phoneNumber(callSid, "to", start.to()), rate, identity), new ExotelCallMedia(streamSid, writer, message -> send(stream.session, message),
                    () -> closeQuietly(stream.session, CloseStatus.NORMAL)));
        } catch (StreamRefused e) {
            log.warn("{}", e.getMessage());
            closeQuietly(stream.session, new CloseStatus(e.reason().closeCode(), e.reason().closeReason()));
        } catch (RuntimeException e) {
            log.error("Could not start call {}: {}", callSid, e.getMessage(), e);
            closeQuietly(stream.session, CloseStatus.SERVER_ERROR);
        }
    }

    /**
     * The identity we signed into the stream's parameters, or null: an unsigned {@code lead_id}/{@code campaign_id}
     * or a bad signature is ignored (logged, counted), and the call is an unknown caller known only by its number.
     */
    private CallIdentity trustedIdentity(Map<String, String> parameters, String callSid) {
        IdentityCheck check = identities.verify(parameters.get(CallIdentitySigner.PARAMETER), callSid);
        return switch (check) {
            case IdentityCheck.Trusted trusted -> trusted.identity();
            case IdentityCheck.Absent ignored -> {
                if (parameters.containsKey("lead_id") || parameters.containsKey("campaign_id")) {
                    metrics.identityRefused("unsigned");
                    log.warn("Call {}: ignored an unsigned lead_id/campaign_id; treating it as an unknown caller", callSid);
                }
                yield null;
            }
            case IdentityCheck.Refused refused -> {
                metrics.identityRefused(refused.reason());
                log.warn("Call {}: ignored a {} call identity; treating it as an unknown caller", callSid, refused.reason());
                yield null;
            }
        };
    }

    /**
     * Exotel sends JSON text frames only. A binary frame is dropped and counted like any malformed frame: the base
     * class would close the socket (1003), which ends the call.
     */
    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Stream stream = (Stream) session.getAttributes().get(STATE);
        if (stream != null && message.isLast()) {
            reject(stream, "binary", "a binary frame; Exotel sends JSON text");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Stream stream = (Stream) session.getAttributes().get(STATE);
        if (stream != null && stream.call != null) {
            calls.ended(stream.call, "socket-closed-" + status.getCode());
            stream.call = null;
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Media stream transport error: {}", exception.toString());
    }

    /** The whole message once its last part is in; null while parts are still coming or after it proved too big. */
    private String whole(Stream stream, TextMessage message) {
        if (stream.tooBig) {
            stream.tooBig = !message.isLast();
            return null;
        }
        if (message.isLast() && stream.parts == null) {
            return message.getPayload(); // the usual case: one media message, one frame
        }
        if (stream.parts == null) {
            stream.parts = new StringBuilder(2 * message.getPayloadLength());
        }
        if (stream.parts.length() + message.getPayloadLength() > maxMessageChars) {
            stream.parts = null;
            stream.tooBig = !message.isLast();
            reject(stream, "too_big", "a message over " + maxMessageChars + " characters");
            closeQuietly(stream.session, CloseStatus.TOO_BIG_TO_PROCESS.withReason(
                    "message over " + maxMessageChars + " characters"));
            return null;
        }
        stream.parts.append(message.getPayload());
        if (!message.isLast()) {
            return null;
        }
        String text = stream.parts.toString();
        stream.parts = null;
        return text;
    }

    private void reject(Stream stream, String kind, String reason) {
        metrics.frameRejected(kind);
        stream.rejected++;
        if (stream.rejected == 1 || stream.rejected % 100 == 0) {
            log.warn("Media stream {}: dropped a {} frame ({}); {} so far on this stream",
                    stream.call == null ? stream.session.getId() : stream.call.context().callSid(), kind, reason, stream.rejected);
        }
    }

    private static void send(WebSocketSession session, String message) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(message));
        } catch (IOException | IllegalStateException e) {
            log.debug("Sending to a closing media stream failed: {}", e.toString());
        }
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("Closing the media stream failed: {}", e.toString());
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
