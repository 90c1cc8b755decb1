package dev.vaani.conversation.openai;

import java.util.Map;

/**
 * Turns save_lead_details arguments as the model wrote them ("80L-1Cr", "3 bhk") into the stored form. The
 * qualification package's extractor is bound here by the application; the identity keeps raw values.
 */
@FunctionalInterface
public interface LeadDetailsNormaliser {

    /** Returns normalised fields, snake_case keys. Must not throw for odd input: keep what it cannot read. */
    Map<String, Object> normalise(Map<String, Object> rawFields);

    static LeadDetailsNormaliser identity() {
        return Map::copyOf;
    }
}
