package dev.vaani.conversation;

/** Where a conversation stands; stored as conversation_stage. */
public enum ConversationStage {
    INTRO, QUALIFICATION, OBJECTION_HANDLING, CLOSING, ENDED
}
