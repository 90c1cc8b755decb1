package dev.vaani.call;

import dev.vaani.conversation.ConversationEngine;
import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;

/** The speech recogniser, synthesiser and conversation engine calls use, as chosen by configuration. */
public record CallProviders(SpeechToText speechToText, TextToSpeech textToSpeech, ConversationEngine conversation) {}
