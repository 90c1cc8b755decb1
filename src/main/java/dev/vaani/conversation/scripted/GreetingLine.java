package dev.vaani.conversation.scripted;

import java.util.regex.Pattern;

import dev.vaani.conversation.LeadProfile;

/** Fills "{name}" in a campaign greeting, and removes it cleanly when we do not know the name. */
final class GreetingLine {

    private static final Pattern NAME = Pattern.compile("\\s*\\{name}(\\s+ji\\b)?");
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[\\s,]+");

    private GreetingLine() {
    }

    /** "Hi {name}, this is Riya" → "Hi Priya, this is Riya", or "Hi, this is Riya" with no name. */
    static String fill(String greeting, LeadProfile lead) {
        if (lead != null && lead.hasName()) {
            return greeting.replace("{name}", lead.firstName());
        }
        String without = NAME.matcher(greeting).replaceAll("");
        return LEADING_PUNCTUATION.matcher(without).replaceFirst("").replaceAll("\\s+([,.!?])", "$1");
    }
}
