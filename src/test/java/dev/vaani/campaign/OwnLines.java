package dev.vaani.campaign;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.vaani.call.CallProperties;
import dev.vaani.call.DurabilityProperties;
import dev.vaani.call.LiveCalls;
import dev.vaani.call.PlacementContexts;
import dev.vaani.crm.CallRecords;
import dev.vaani.telephony.exotel.ExotelClient;
import dev.vaani.telephony.exotel.ExotelProperties;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dialer and the offer of freed lines on an account with {@code lines} lines of its own beyond those the shared
 * database's live calls already hold ({@code others}), so a test counts only its own calls against the account.
 */
record OwnLines(AccountLines account, Dialer dialer, FreeLines freeLines, int others) {

    static OwnLines of(ApplicationContext beans, JdbcClient jdbc, Clock clock, int lines,
                       ApplicationEventPublisher events) {
        ExotelProperties p = beans.getBean(ExotelProperties.class);
        CallProperties callProperties = beans.getBean(CallProperties.class);
        DurabilityProperties durability = beans.getBean(DurabilityProperties.class);
        int others = new AccountLines(jdbc, p, callProperties, durability).occupied(clock.instant());
        AccountLines account = new AccountLines(jdbc, new ExotelProperties(p.accountSid(), p.apiKey(), p.apiToken(),
                p.virtualNumber(), p.exophloId(), p.baseUrl(), p.webhookSecret(), p.recordCalls(), others + lines),
                callProperties, durability);
        Dialer dialer = new Dialer(jdbc, beans.getBean(TransactionTemplate.class), beans.getBean(Campaigns.class),
                beans.getBean(ExotelClient.class), p, beans.getBean(CallRecords.class), callProperties, durability,
                beans.getBean(AttemptResolver.class), beans.getBean(LiveCalls.class), clock,
                beans.getBean(PlacementContexts.class), beans.getBean(JsonMapper.class), account, events,
                beans.getBean(AccountRefusals.class), beans.getBean(InvalidRequests.class));
        FreeLines freeLines = new FreeLines(account, beans.getBean(DialQueue.class),
                beans.getBeanProvider(Scheduler.class), clock);
        return new OwnLines(account, dialer, freeLines, others);
    }
}
