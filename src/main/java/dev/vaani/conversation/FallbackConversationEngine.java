package dev.vaani.conversation;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converses with the primary engine (the LLM) and, when a reply fails before it said anything, hands the rest of
 * the call to the fallback (the scripted engine), seeded with what was collected so far: the call goes on instead
 * of apologising in a loop.
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

    @Override
    public Conversation start(ConversationSetup setup) {
        return new SwitchingConversation(setup, primary.start(setup));
    }

    private final class SwitchingConversation implements Conversation {
        private final ConversationSetup setup;
        private final Conversation first;
        private volatile Conversation active;
        private volatile boolean switched;

        SwitchingConversation(ConversationSetup setup, Conversation first) {
            this.setup = setup;
            this.first = first;
            this.active = first;
        }

        @Override
        public Reply respond(TurnInput input, ReplyListener listener) {
            if (switched) {
                return active.respond(input, listener);
            }
            Reply[] current = new Reply[1];
            boolean[] cancelled = new boolean[1];
            boolean[] spoke = new boolean[1];
            current[0] = active.respond(input, new ReplyListener() {
                @Override
                public void onText(String delta) {
                    spoke[0] = true;
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
                    if (spoke[0] || cancelled[0]) {
                        listener.onError(error);
                        return;
                    }
                    switchToFallback(error);
                    current[0] = active.respond(input, listener);
                }
            });
            return () -> {
                cancelled[0] = true;
                current[0].cancel();
            };
        }

        private synchronized void switchToFallback(Throwable error) {
            if (switched) {
                return;
            }
            Map<String, Object> known = new HashMap<>(setup.collectedData());
            known.putAll(first.state().collectedData());
            log.warn("Call {}: {} failed ({}); the {} engine carries on the call", setup.callSid(), primary.name(),
                    error.getMessage(), fallback.name());
            active = fallback.start(setup.withCollectedData(known));
            switched = true;
        }

        @Override
        public void onInterrupted(String heardText) {
            active.onInterrupted(heardText);
        }

        @Override
        public ConversationState state() {
            if (!switched) {
                return first.state();
            }
            ConversationState later = active.state();
            Map<String, Object> collected = new HashMap<>(first.state().collectedData());
            collected.putAll(later.collectedData());
            return new ConversationState(later.stage(), collected,
                    later.escalationRequested() || first.state().escalationRequested(), later.outcome(), later.summary());
        }
    }
}
