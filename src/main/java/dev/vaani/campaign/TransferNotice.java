package dev.vaani.campaign;

import dev.vaani.call.HandOverPolicy;
import dev.vaani.conversation.HandOver;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells whoever starts a campaign, before a single call, what a lead who asks for a person will get: with calls placed
 * directly (no Exotel flow) nobody can be connected on the call, and the operator must not expect it.
 */
@Component
public class TransferNotice {

    static final String CALL_BACK_ONLY = "Transfer to a person is not possible on calls placed directly: a lead who"
            + " asks for one is promised a call back, and call.transfer_requested goes to your webhook so your team"
            + " can call. To connect leads on the call, use an Exotel flow (EXOTEL_EXOPHLO_ID, docs/exotel-setup.md).";

    private final HandOverPolicy policy;

    TransferNotice(ObjectProvider<HandOverPolicy> policy) {
        this.policy = policy.getIfAvailable(() -> HandOverPolicy.CONNECT_ON_THE_CALL);
    }

    /** The notice for the dialer's calls, if leads cannot be connected to a person on them. */
    public Optional<String> forPlacedCalls() {
        return policy.forCall(true) == HandOver.CALL_BACK ? Optional.of(CALL_BACK_ONLY) : Optional.empty();
    }
}
