package dev.vaani.simulator;

import java.util.Optional;

/** Something a scenario requires of the bot; checked against the finished call. */
public sealed interface Expectation {

    /** Empty when the expectation held, otherwise why not. */
    Optional<String> check(CallReport report);

    /** The bot spoke before the caller first did. */
    record Greeting() implements Expectation {
        @Override
        public Optional<String> check(CallReport report) {
            long firstCaller = report.turns().isEmpty() ? Long.MAX_VALUE : report.turns().getFirst().onsetSentMs();
            boolean greeted = report.utterances().stream().anyMatch(u -> u.startMs() < firstCaller);
            return greeted ? Optional.empty() : Optional.of("expected a greeting: the bot did not speak before the caller");
        }
    }

    /** At least {@code count} caller turns were answered with bot audio. */
    record BotRepliesAtLeast(int count) implements Expectation {
        @Override
        public Optional<String> check(CallReport report) {
            long replies = report.turns().stream().filter(t -> t.latencyReceivedMs().isPresent()).count();
            return replies >= count ? Optional.empty()
                    : Optional.of("expected at least " + count + " bot replies to caller turns, got " + replies);
        }
    }

    /** Every barge-in made the server send {@code clear}. */
    record BargeInCleared() implements Expectation {
        @Override
        public Optional<String> check(CallReport report) {
            var bargeIns = report.turns().stream().filter(CallReport.CallerTurn::bargeIn).toList();
            if (bargeIns.isEmpty()) {
                return Optional.of("expected a barge-in to be cleared, but no barge-in happened (the bot never spoke long enough)");
            }
            long missed = bargeIns.stream().filter(t -> t.bargeInReactionMs().isEmpty()).count();
            return missed == 0 ? Optional.empty()
                    : Optional.of(missed + " of " + bargeIns.size() + " barge-ins got no clear from the server");
        }
    }

    /** The server closed the socket itself (the bot ended the call). */
    record ServerHangsUp() implements Expectation {
        @Override
        public Optional<String> check(CallReport report) {
            if (report.connectionLost()) {
                return Optional.of("expected the server to end the call, but the connection was lost (no close frame)");
            }
            return report.serverClosed() ? Optional.empty()
                    : Optional.of("expected the server to end the call, but the caller had to hang up");
        }
    }

    /** Every bot media chunk obeyed Exotel's size rules. */
    record NoChunkViolations() implements Expectation {
        @Override
        public Optional<String> check(CallReport report) {
            return report.chunkViolations() == 0 ? Optional.empty()
                    : Optional.of(report.chunkViolations() + " bot media chunks broke Exotel's size rules");
        }
    }
}
