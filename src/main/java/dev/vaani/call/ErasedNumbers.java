package dev.vaani.call;

/**
 * Numbers whose owner asked to be erased (the CRM's suppression list, kept only as keyed hashes). A call from such a
 * number is still answered, since the person chose to call, but as a caller who withheld their number: the call's row,
 * its live session and its webhooks hold no number, so nothing stored ties the call back to the person erased.
 */
public interface ErasedNumbers {

    /** Whether the number, in any form a caller ID comes in ({@code +91…}, {@code 0…}, {@code 91…}), was erased. */
    boolean isErased(String phone);

    /** Before the CRM is wired in (tests of the call alone): no number is erased. */
    ErasedNumbers NONE = phone -> false;
}
