package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.HandOverPolicy;
import dev.vaani.conversation.HandOver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class TransferNoticeTest {

    private static TransferNotice with(HandOverPolicy policy) {
        return new TransferNotice(new StaticListableBeanFactory(Map.of("policy", policy))
                .getBeanProvider(HandOverPolicy.class));
    }

    @Test
    void directCallsWarnThatLeadsCanOnlyBePromisedACallBack() {
        assertThat(with(placedByUs -> HandOver.CALL_BACK).forPlacedCalls()).hasValueSatisfying(notice ->
                assertThat(notice).contains("not possible", "call back", "EXOTEL_EXOPHLO_ID"));
    }

    @Test
    void callsThroughAFlowNeedNoWarning() {
        assertThat(with(placedByUs -> HandOver.CONNECT_NOW).forPlacedCalls()).isEmpty();
    }
}
