package dev.vaani.conversation;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converses with the primary engine (the LLM) and, when a reply fails before it said anything, hands the rest of
 * the call to the fallback (the scripted engine), seeded with what was collected so far, the stage the primary had
 * reached and the language it was replying in: the call goes on from where it was, instead of apologising in a loop
 * or asking a caller halfway through qualifying whether this is a good time.
 *
 * <p>Shape and concurrency rule shared by every {@code Fallback*} wrapper: the wrapper is stateless; each call's (or
 * request's) switching object holds which delegate is active and what the caller has already got from it. The
 * provider calls back on its own thread while the call acts on its own, so that state is read and changed only
 * under the switching object's lock, and delegates are called outside the lock (a delegate may call back on the
 * calling thread, or wait on its own thread).
 */
public final class FallbackConversationEngine implements ConversationEngine {

    private static final Logger log = LoggerFactory.getLogger(FallbackConversationEngine.class);

    private final ConversationEngine primary;
    private final ConversationEngine fallback;

    public FallbackConversationEngine(ConversationEngine primary, ConversationEngine fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return primary.name();
    }

    /** The engine tried first (the cloud model), for health and for tests that reset its circuit breaker. */
    public ConversationEngine primary() {
        return primary;
    }

    @Override
    public Conversation start(ConversationSetup setup) {
        return new SwitchingConversation(setup, primary.start(setup));
    }

    private final class SwitchingConversation implements Conversation {
        private final ConversationSetup setup;
        private final Conversation first;
        /** Guarded by this. */
        private Conversation active;
        /** Guarded by this. */
        private boolean switched;
        /**
         * The language the primary replies in, as it decides it: the caller's last turn with a clear language, the
         * campaign's until then. Guarded by this.
         */
        private Language replyLanguage;

        SwitchingConversation(ConversationSetup setup, Conversation first) {
            this.setup = setup;
            this.first = first;
            this.active = first;
            this.replyLanguage = Language.orEnglish(setup.script().language());
        }

        @Override
        public Reply respond(TurnInput input, ReplyListener listener) {
            Conversation conversation;
            boolean onPrimary;
            synchronized (this) {
                conversation = active;
                onPrimary = !switched;
                if (input instanceof TurnInput.CallerUtterance utterance && utterance.text() != null) {
                    replyLanguage = LanguageDetector.detect(utterance.text()).orElse(replyLanguage);
                }
            }
            if (!onPrimary) {
                return conversation.respond(input, listener);
            }
            Attempt attempt = new Attempt(input, listener);
            attempt.started(conversation.respond(input, attempt));
            return attempt::cancel;
        }

        /**
         * The fallback conversation, started once, however many replies fail at the same time: with what the primary
         * collected, at the stage it had reached, in the language it was replying in, knowing the outcome it decided.
         */
        private Conversation switchToFallback(Throwable error) {
            Language language;
            synchronized (this) {
                if (switched) {
                    return active;
                }
                language = replyLanguage;
            }
            ConversationState reached = first.state();
            Map<String, Object> known = new HashMap<>(setup.collectedData());
            known.putAll(reached.collectedData());
            Conversation started = fallback.start(setup.withCollectedData(known).takenOverAt(reached.stage(), language,
                    reached.outcome()));
            synchronized (this) {
                if (!switched) {
                    log.warn("Call {}: {} failed ({}); the {} engine carries on the call", setup.callSid(),
                            primary.name(), error.getMessage(), fallback.name());
                    active = started;
                    switched = true;
                }
                return active;
            }
        }

        /**
         * One reply on the primary: passes its text through and, if it fails before saying anything and was not
         * cancelled, asks the fallback for the same reply. A cancel at any moment reaches whichever reply is current.
         */
        private final class Attempt implements ReplyListener {
            private final TurnInput input;
            private final ReplyListener listener;
            /** Guarded by this. */
            private Reply current;
            /** Guarded by this. */
            private boolean spoke;
            /** Guarded by this. */
            private boolean cancelled;

            Attempt(TurnInput input, ReplyListener listener) {
                this.input = input;
                this.listener = listener;
            }

            /** The reply the primary returned; it may have failed (and been replaced) before it returned. */
            void started(Reply reply) {
                synchronized (this) {
                    if (current == null) {
                        current = reply;
                    }
                }
            }

            void cancel() {
                Reply reply;
                synchronized (this) {
                    cancelled = true;
                    reply = current;
                }
                if (reply != null) {
                    reply.cancel();
                }
            }

            @Override
            public void onText(String delta) {
                synchronized (this) {
                    spoke = true;
                }
                listener.onText(delta);
            }

            @Override
            public void onAction(AgentAction action) {
                listener.onAction(action);
            }

            @Override
            public void onComplete() {
                listener.onComplete();
            }

            @Override
            public void onError(Throwable error) {
                boolean passOn;
                synchronized (this) {
                    // the caller heard part of it, or no longer waits for it: not ours to replace
                    passOn = spoke || cancelled;
                }
                if (passOn) {
                    listener.onError(error);
                    return;
                }
                Reply second = switchToFallback(error).respond(input, new UntilCancelled());
                boolean cancelledMeanwhile;
                synchronized (this) {
                    current = second;
                    cancelledMeanwhile = cancelled;
                }
                if (cancelledMeanwhile) {
                    second.cancel(); // the caller cancelled while the fallback was starting its reply
                }
            }

            /** Passes the fallback's reply on while this attempt is not cancelled. */
            private final class UntilCancelled implements ReplyListener {
                @Override
                public void onText(String delta) {
                    if (live()) {
                        listener.onText(delta);
                    }
                }

                @Override
                public void onAction(AgentAction action) {
                    if (live()) {
                        listener.onAction(action);
                    }
                }

                @Override
                public void onComplete() {
                    listener.onComplete();
                }

                @Override
                public void onError(Throwable error) {
                    listener.onError(error);
                }

                private boolean live() {
                    synchronized (Attempt.this) {
                        return !cancelled;
                    }
                }
            }
        }

        @Override
        public void onInterrupted(String heardText) {
            Conversation conversation;
            synchronized (this) {
                conversation = active;
            }
            conversation.onInterrupted(heardText);
        }

        @Override
        public ConversationState state() {
            Conversation later;
            synchronized (this) {
                if (!switched) {
                    later = null;
                } else {
                    later = active;
                }
            }
            if (later == null) {
                return first.state();
            }
            ConversationState laterState = later.state();
            ConversationState firstState = first.state();
            Map<String, Object> collected = new HashMap<>(firstState.collectedData());
            collected.putAll(laterState.collectedData());
            // what the primary decided (a callback it booked) stands until the fallback decides otherwise
            return new ConversationState(laterState.stage(), collected,
                    laterState.escalationRequested() || firstState.escalationRequested(),
                    laterState.outcome() != null ? laterState.outcome() : firstState.outcome(),
                    laterState.summary() != null ? laterState.summary() : firstState.summary(),
                    laterState.doNotCall() || firstState.doNotCall());
        }
    }
}
