package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which clock a campaign's window and a lead's "call me at five" are read on. */
class CampaignZoneTest {

    private static Campaign storedWithZone(String timeZone) {
        return new Campaign(1, "Zones", null, null, null, LocalTime.of(9, 0), LocalTime.of(21, 0), timeZone, 5, 3, 120,
                false, "active", null);
    }

    @Test
    void aCampaignsWindowIsReadInItsOwnZone() {
        assertThat(storedWithZone("Asia/Dubai").zone()).isEqualTo(ZoneId.of("Asia/Dubai"));
    }

    @Test
    void aStoredZoneJavaNoLongerKnowsIsReadAsIndia() {
        assertThat(storedWithZone("Mars/Olympus_Mons").zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void aLeadsLocalTimesAreReadInTheLeadsZone() {
        assertThat(storedWithZone("Asia/Kolkata").zoneForLead("Asia/Dubai")).isEqualTo(ZoneId.of("Asia/Dubai"));
    }

    @Test
    void aLeadWithoutAZoneJavaKnowsIsReadInTheCampaignsZone() {
        Campaign campaign = storedWithZone("Asia/Dubai");

        assertThat(campaign.zoneForLead(null)).isEqualTo(ZoneId.of("Asia/Dubai"));
        assertThat(campaign.zoneForLead("Not/AZone")).isEqualTo(ZoneId.of("Asia/Dubai"));
    }

    @Test
    void aLeadWithoutAZoneOfACampaignWhoseZoneJavaNoLongerKnowsIsReadInIndia() {
        assertThat(storedWithZone("Mars/Olympus_Mons").zoneForLead(null)).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }
}
