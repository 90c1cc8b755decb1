package dev.vaani.telephony.exotel;

import java.util.Optional;

/**
 * Checks that one socket's events come in a legal order: {@code connected} optionally and only first, {@code start}
 * exactly once before any media, dtmf or mark, and nothing after {@code stop}. A stop before start is accepted (the
 * caller may hang up before the stream starts). Rejected events do not change the state. One per socket; not
 * thread-safe.
 */
public final class ExotelEventSequence {

    private enum State { FRESH, CONNECTED, STREAMING, STOPPED }

    private State state = State.FRESH;

    /** Records the event if legal and returns empty; otherwise returns why it is out of order. */
    public Optional<String> accept(ExotelInboundEvent event) {
        String rejection = switch (event) {
            case ExotelInboundEvent.Connected c -> state == State.FRESH ? null
                    : "connected must be the first event, but came " + describeState();
            case ExotelInboundEvent.Start s -> state == State.FRESH || state == State.CONNECTED ? null
                    : "start must come once, before media, but came " + describeState();
            case ExotelInboundEvent.Media m -> requireStreaming("media");
            case ExotelInboundEvent.Dtmf d -> requireStreaming("dtmf");
            case ExotelInboundEvent.Mark k -> requireStreaming("mark");
            case ExotelInboundEvent.Stop s -> state == State.STOPPED ? "stop came after the stream had stopped" : null;
        };
        if (rejection != null) {
            return Optional.of(rejection);
        }
        state = switch (event) {
            case ExotelInboundEvent.Connected c -> State.CONNECTED;
            case ExotelInboundEvent.Start s -> State.STREAMING;
            case ExotelInboundEvent.Stop s -> State.STOPPED;
            default -> state;
        };
        return Optional.empty();
    }

    /** True between an accepted start and stop. */
    public boolean isStreaming() {
        return state == State.STREAMING;
    }

    public boolean isStopped() {
        return state == State.STOPPED;
    }

    private String requireStreaming(String event) {
        return switch (state) {
            case STREAMING -> null;
            case STOPPED -> event + " came after stop";
            default -> event + " came before start";
        };
    }

    private String describeState() {
        return switch (state) {
            case FRESH -> "first";
            case CONNECTED -> "after connected";
            case STREAMING -> "after start";
            case STOPPED -> "after stop";
        };
    }
}
