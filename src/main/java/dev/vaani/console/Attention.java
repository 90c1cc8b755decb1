package dev.vaani.console;

import dev.vaani.call.CallProviders;
import dev.vaani.campaign.Campaign;
import dev.vaani.campaign.Campaigns;
import dev.vaani.crm.CallQueries;
import dev.vaani.telephony.exotel.ExotelProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** What an operator should look at now: a provider that cannot work, Redis down, paused campaigns, failing calls. */
@Component
class Attention {

    /** Calls are "failing" when at least this many ended in the last hour and half or more of them failed. */
    static final int FAILING_MIN_CALLS = 3;

    private final CallProviders providers;
    private final HealthEndpoint health;
    private final Campaigns campaigns;
    private final CallQueries calls;
    private final ExotelProperties exotel;
    private final Clock clock;

    Attention(CallProviders providers, HealthEndpoint health, Campaigns campaigns, CallQueries calls,
              ExotelProperties exotel, Clock clock) {
        this.providers = providers;
        this.health = health;
        this.campaigns = campaigns;
        this.calls = calls;
        this.exotel = exotel;
        this.clock = clock;
    }

    /** One thing needing attention; link may be null. */
    record Item(String title, String detail, String link) {
    }

    List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (var provider : List.of(providers.speechToText().name(), providers.textToSpeech().name())) {
            if (provider.equals("unavailable")) {
                items.add(new Item("A speech provider is unavailable",
                        "Calls cannot be heard or answered; see /actuator/health for which key is missing.", null));
                break;
            }
        }
        Status redis = componentStatus("redis");
        if (Status.DOWN.equals(redis) || Status.OUT_OF_SERVICE.equals(redis)) {
            items.add(new Item("Redis is down", "Live call state is kept in memory and written to Redis when it is back.", null));
        }
        if (!exotel.configured()) {
            items.add(new Item("Exotel is not configured",
                    "Campaigns cannot place calls until EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN and "
                            + "EXOTEL_VIRTUAL_NUMBER are set. Simulated calls (./vaani simulate) still work.", null));
        }
        for (Campaign campaign : campaigns.list()) {
            if ("paused".equals(campaign.status()) && campaign.pausedReason() != null) {
                // the dialer paused it: Exotel refused the account or our request, and every campaign stopped with it
                items.add(new Item("Exotel refused our calls: " + campaign.name() + " paused",
                        campaign.pausedReason() + ". No lead was marked failed. Fix what it says, then resume the "
                                + "campaign.", "/campaigns/" + campaign.id()));
            } else if ("paused".equals(campaign.status())) {
                items.add(new Item("Dialer paused: " + campaign.name(), "No calls are placed until you resume it.",
                        "/campaigns/" + campaign.id()));
            }
        }
        Instant now = clock.instant();
        CallQueries.Failures failures = calls.failuresBetween(now.minus(Duration.ofHours(1)), now);
        if (failures.ended() >= FAILING_MIN_CALLS && failures.failing() * 2 >= failures.ended()) {
            items.add(new Item("Calls are failing", "Of the last hour's " + failures.ended() + " calls, "
                    + failures.failed() + " failed and " + failures.cut() + " were cut off on our side.",
                    "/calls?status=" + failures.mostly() + "&date=" + LocalDate.ofInstant(now, CallPresentation.INDIA)));
        }
        return items;
    }

    private Status componentStatus(String name) {
        try {
            var component = health.healthForPath(name);
            return component == null ? Status.UNKNOWN : component.getStatus(); // UNKNOWN: no such check configured
        } catch (RuntimeException e) {
            return Status.DOWN;
        }
    }
}
