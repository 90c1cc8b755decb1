package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The console's erase form: confirmed, CSRF-protected, and a lead on a call is told to wait, not erased. */
class LeadErasurePagesTest extends VaaniIntegrationTest {

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    private boolean erased(long lead) {
        return jdbc.sql("SELECT erased_at IS NOT NULL FROM leads WHERE id = ?").param(lead).query(Boolean.class).single();
    }

    @Test
    void withoutTheTickedConfirmationNothingIsErased() throws Exception {
        long lead = insertLead("Unconfirmed", uniquePhone());

        mvc.perform(post("/leads/" + lead + "/erase").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/leads/" + lead))
                .andExpect(flash().attribute("error", startsWith("Nothing was erased")));

        assertThat(erased(lead)).isFalse();
    }

    @Test
    void aPostWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        long lead = insertLead("Forged", uniquePhone());

        mvc.perform(post("/leads/" + lead + "/erase").with(admin()).param("confirmed", "true"))
                .andExpect(status().isForbidden());

        assertThat(erased(lead)).isFalse();
    }

    @Test
    void aLeadOnACallIsToldToTryAgainAfterItEnds() throws Exception {
        long lead = insertLead("On a call", uniquePhone());
        jdbc.sql("INSERT INTO call_sessions (call_sid, stream_sid, lead_id, status, started_at) "
                + "VALUES (?, 'MZ', ?, 'in-progress', now())").params("CA" + UUID.randomUUID(), lead).update();

        mvc.perform(post("/leads/" + lead + "/erase").with(admin()).with(csrf()).param("confirmed", "true"))
                .andExpect(redirectedUrl("/leads/" + lead))
                .andExpect(flash().attribute("error", startsWith("Not erased: a call with this lead is still live")));

        assertThat(erased(lead)).isFalse();
    }

    @Test
    void anErasedLeadCannotBeTakenOffDoNotCallFromAPageOpenedBefore() throws Exception {
        long lead = insertLead("Erased", uniquePhone());
        mvc.perform(post("/leads/" + lead + "/erase").with(admin()).with(csrf()).param("confirmed", "true"))
                .andExpect(flash().attribute("notice", startsWith("Erased:")));

        mvc.perform(post("/leads/" + lead + "/do-not-call").with(admin()).with(csrf()).param("on", "false"))
                .andExpect(redirectedUrl("/leads/" + lead))
                .andExpect(flash().attribute("error", startsWith("This lead was erased")));

        assertThat(jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(lead).query(Boolean.class).single())
                .isTrue();
    }
}
