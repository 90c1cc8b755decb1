package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.platform.admin.InvalidFieldException;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign cannot promise more calls at once than the Exotel account carries: the dialer would never place them,
 * and the refusal names the setting a broker on a bigger plan has not set yet.
 */
class CampaignAccountLinesLimitTest extends VaaniIntegrationTest {

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationEventPublisher events;

    private Campaigns onAStarterAccount() {
        return new Campaigns(jdbc, json, events, 200, 10,
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Test
    void moreCallsAtOnceThanTheAccountCarriesIsRefusedOnThatField() {
        assertThatThrownBy(() -> onAStarterAccount().create(withCallsAtOnce(11)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("maxConcurrentCalls");
                    assertThat(e.getMessage()).isEqualTo("must be at most 10, the calls your Exotel account carries "
                            + "at once (EXOTEL_MAX_CONCURRENT_CALLS: your plan's)");
                });
    }

    @Test
    void asManyCallsAtOnceAsTheAccountCarriesIsAccepted() {
        assertThat(onAStarterAccount().create(withCallsAtOnce(10)).maxConcurrentCalls()).isEqualTo(10);
    }

    private static CampaignRequest withCallsAtOnce(int calls) {
        return new CampaignRequest("Lines " + UUID.randomUUID(), null, null, null, null, null, null, calls, null, null,
                null);
    }
}
