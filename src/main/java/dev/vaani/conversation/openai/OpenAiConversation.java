package dev.vaani.conversation.openai;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;
import dev.vaani.conversation.qualification.Intent;
import dev.vaani.conversation.qualification.IntentClassifier;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's conversation with the LLM agent: the history, the collected data and the outcome.
 *
 * <p>The greeting is the campaign's template with the lead's first name, spoken at once without a model request:
 * it is the same every call, and the caller hears it a full round-trip sooner. The model sees it in the history and
 * continues from it. Only a campaign without a greeting template asks the model to open the call.
 */
public final class OpenAiConversation implements Conversation {

    /** Messages (besides the system prompt) sent per request. */
    public static final int HISTORY_WINDOW = 30;

    private static final Logger log = LoggerFactory.getLogger(OpenAiConversation.class);
    private static final JsonMapper JSON = new JsonMapper();

    /** The language of the caller's last turn that had one; the campaign's until the caller speaks. */
    private Language replyLanguage;
    private final ConversationSetup setup;
    private final OpenAiChatClient client;
    private final PromptBuilder prompts;
    private final Clock clock;
    private final List<ToolDefinition> tools;
    private final ToolCallInterpreter interpreter;
    private final ConversationLedger ledger;
    private final ConversationHistory history = new ConversationHistory(HISTORY_WINDOW);
    /** Replies update the history from the stream's thread while the call may read state(). */
    private final Object lock = new Object();
    /** The last reply ended the call (an end_call was applied in it). */
    private boolean lastReplyEnded;

    OpenAiConversation(ConversationSetup setup, OpenAiChatClient client, LeadDetailsNormaliser normaliser,
                       PromptBuilder prompts, Clock clock) {
        this.setup = setup;
        this.replyLanguage = Language.orEnglish(setup.script().language());
        this.client = client;
        this.prompts = prompts;
        this.clock = clock;
        this.tools = LeadTools.definitions(setup.script());
        this.interpreter = new ToolCallInterpreter(JSON, LeadTools.fieldKeys(setup.script()),
                setup.script().qualificationFields().stream().filter(CampaignScript.QualificationField::required)
                        .map(CampaignScript.QualificationField::key).toList(),
                normaliser, setup.lead().timeZone(), setup.callbackHours(), clock);
        this.ledger = new ConversationLedger(setup.collectedData());
    }

    @Override
    public Reply respond(TurnInput input, ReplyListener listener) {
        synchronized (lock) {
            lastReplyEnded = false;
            switch (input) {
                case TurnInput.Greeting greeting -> {
                    String line = renderGreeting(setup.script().greeting(), setup.lead());
                    if (!line.isEmpty()) {
                        history.add(ChatMessage.assistant(line));
                        return CannedReply.start(line, listener);
                    }
                    history.add(ChatMessage.system("The call has just been answered. Greet the lead, say who you are "
                            + "and why you are calling, and ask if it is a good time, in one or two sentences."));
                }
                case TurnInput.CallerUtterance utterance -> {
                    history.add(ChatMessage.user(utterance.text()));
                    replyLanguage = LanguageDetector.detect(utterance.text()).orElse(replyLanguage);
                    if (IntentClassifier.classify(utterance.text()) == Intent.DO_NOT_CALL) {
                        ledger.callerAskedNotToBeCalled();
                    }
                }
                case TurnInput.KeyPress key -> history.add(ChatMessage.user("[caller pressed " + key.digit() + "]"));
                case TurnInput.CallerUnclear unclear -> history.add(ChatMessage.user("[caller unclear]"));
                case TurnInput.CallerSilent silent -> history.add(ChatMessage.user("[caller silent]"));
                case TurnInput.WrapUp wrapUp -> history.add(ChatMessage.system("The call must end now ("
                        + wrapUp.reason() + "). Say a short, polite goodbye in one sentence, then call end_call."));
            }
        }
        var turn = new ReplyTurn(this, client, listener);
        turn.start();
        return turn;
    }

    @Override
    public void onInterrupted(String heardText) {
        synchronized (lock) {
            history.rewriteLastReply(heardText);
            if (lastReplyEnded && (heardText == null || heardText.isBlank())) {
                // the call does not hang up after a goodbye nobody heard: the model has to be able to end it again
                lastReplyEnded = false;
                ledger.endUnheard();
                history.add(ChatMessage.system("The caller did not hear your goodbye and is still on the line. "
                        + "Answer what they say; if the call should still end, say goodbye again, then call end_call."));
            }
        }
    }

    @Override
    public ConversationState state() {
        synchronized (lock) {
            return ledger.snapshot();
        }
    }

    /** The history as the model will see it next (without the system prompt); for diagnostics and tests. */
    public List<ChatMessage> history() {
        synchronized (lock) {
            return history.all();
        }
    }

    ChatRequest nextRequest() {
        synchronized (lock) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(setup.lead().timeZone()));
            List<ChatMessage> messages = new ArrayList<>(HISTORY_WINDOW + 1);
            messages.add(ChatMessage.system(prompts.build(setup, ledger.stage(), ledger.collected(), now, replyLanguage)));
            if (ledger.doNotCallRequested() && ledger.stage() != ConversationStage.ENDED) {
                messages.add(ChatMessage.system("The caller has asked never to be called again. Do not persuade: "
                        + "confirm in one short sentence that we won't call them again, then call end_call with outcome "
                        + "not_interested and do_not_call true."));
            }
            messages.addAll(history.recent());
            return new ChatRequest(messages, tools);
        }
    }

    /** Records a model round (its text and tool calls, then one result per call) and applies valid calls. */
    ReplyTurn.RoundResult finishRound(String text, List<ToolCall> calls) {
        synchronized (lock) {
            if (text.isEmpty() && calls.isEmpty()) {
                return new ReplyTurn.RoundResult(List.of(), false);
            }
            history.add(ChatMessage.assistant(text.isEmpty() ? null : text, calls));
            List<AgentAction> effects = new ArrayList<>();
            boolean mustAnswer = false;
            for (ToolCall call : calls) {
                switch (interpreter.interpret(call, ledger.collected())) {
                    case ToolCallInterpreter.Valid valid -> {
                        valid.actions().forEach(action -> effects.addAll(ledger.apply(action)));
                        lastReplyEnded |= effects.stream().anyMatch(AgentAction.EndCall.class::isInstance);
                        history.add(ChatMessage.tool(call.id(), valid.result()));
                        mustAnswer |= valid.surprise();
                    }
                    case ToolCallInterpreter.Invalid bad -> {
                        mustAnswer = true;
                        log.info("call {}: rejected {} arguments: {}", setup.callSid(), call.name(),
                                dev.vaani.privacy.PhoneMask.maskIn(bad.error()));
                        history.add(ChatMessage.tool(call.id(), errorResult(bad.error())));
                    }
                }
            }
            return new ReplyTurn.RoundResult(effects, mustAnswer);
        }
    }

    /** Text generated before a cancel or failure, so the history shows what may have been said. */
    void recordAssistant(String partialText) {
        synchronized (lock) {
            history.add(ChatMessage.assistant(partialText));
        }
    }

    /** The template with {name} as the lead's first name, or without it (and a following "ji") when unknown. */
    static String renderGreeting(String template, LeadProfile lead) {
        if (template == null || template.isBlank()) {
            return "";
        }
        if (lead.hasName()) {
            return template.replace("{name}", lead.firstName()).strip();
        }
        return template.replaceAll("\\s*\\{name}(\\s+ji\\b)?", "").replaceAll("^[\\s,]+", "").strip();
    }

    private static String errorResult(String error) {
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", false);
            result.put("error", error);
            return JSON.writeValueAsString(result);
        } catch (Exception e) {
            return "{\"ok\":false}";
        }
    }
}
