package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A campaign's script in its language: the default's lines follow the language, the broker's own never change, and
 * the parts the broker left out are the default's.
 */
class CampaignScriptTest {

    @Test
    void theUnchangedEnglishDefaultIsTheHindiDefaultInAHindiCampaign() {
        assertThat(CampaignScript.defaultRealEstate().inLanguage("hi"))
                .isEqualTo(CampaignScript.defaultRealEstate(Language.HINDI));
    }

    @Test
    void theHindiDefaultIsTheEnglishDefaultWhenTheCampaignTurnsEnglish() {
        assertThat(CampaignScript.defaultRealEstate(Language.HINDI).inLanguage("en"))
                .isEqualTo(CampaignScript.defaultRealEstate());
    }

    @Test
    void aGreetingAndQuestionTheBrokerWroteStayAsWrittenWhileTheDefaultLinesAroundThemFollowTheLanguage() {
        CampaignScript english = CampaignScript.defaultRealEstate();
        CampaignScript edited = new CampaignScript(english.agentName(), english.companyName(), "en",
                "Hi {name}, Riya here from Sunrise Realty.", english.purpose(),
                List.of(new CampaignScript.QualificationField("project",
                                "Which project are you interested in, Sunrise Heights or Sunrise Greens?", true),
                        english.qualificationFields().get(2)),
                english.closing(), "Mention the clubhouse.");

        CampaignScript hindi = edited.inLanguage("hi");

        CampaignScript hindiDefault = CampaignScript.defaultRealEstate(Language.HINDI);
        assertThat(hindi.language()).isEqualTo("hi");
        assertThat(hindi.greeting()).isEqualTo("Hi {name}, Riya here from Sunrise Realty.");
        assertThat(hindi.qualificationFields()).extracting(CampaignScript.QualificationField::question).containsExactly(
                "Which project are you interested in, Sunrise Heights or Sunrise Greens?",
                hindiDefault.qualificationFields().get(2).question());
        assertThat(hindi.purpose()).isEqualTo(hindiDefault.purpose());
        assertThat(hindi.closing()).isEqualTo(hindiDefault.closing());
        assertThat(hindi.extraInstructions()).isEqualTo("Mention the clubhouse.");
    }

    private static final CampaignScript.QualificationField PARKING =
            new CampaignScript.QualificationField("parking", "Do you need covered parking?", true);

    @Test
    void linesLeftOutAreTheDefaultScriptsLines() {
        CampaignScript onlyQuestions = new CampaignScript(null, null, null, null, null, List.of(PARKING), null, null);

        CampaignScript filled = onlyQuestions.withDefaultsFrom(CampaignScript.defaultRealEstate());

        CampaignScript english = CampaignScript.defaultRealEstate();
        assertThat(filled).isEqualTo(new CampaignScript(english.agentName(), english.companyName(), "en",
                english.greeting(), english.purpose(), List.of(PARKING), english.closing(), ""));
    }

    @Test
    void blankLinesAreTheDefaultScriptsLinesToo() {
        CampaignScript blank = new CampaignScript(" ", "", "hi", "  ", "", List.of(PARKING), "\n", "");

        CampaignScript filled = blank.withDefaultsFrom(CampaignScript.defaultRealEstate(Language.HINDI));

        CampaignScript hindi = CampaignScript.defaultRealEstate(Language.HINDI);
        assertThat(filled.greeting()).isEqualTo(hindi.greeting());
        assertThat(filled.closing()).isEqualTo(hindi.closing());
        assertThat(filled.agentName()).isEqualTo(hindi.agentName());
    }

    @Test
    void questionsLeftOutAreTheDefaultScriptsQuestions() {
        CampaignScript onlyGreeting = new CampaignScript(null, null, "en", "Hello {name}!", null, null, null, null);

        CampaignScript filled = onlyGreeting.withDefaultsFrom(CampaignScript.defaultRealEstate());

        assertThat(filled.qualificationFields()).isEqualTo(CampaignScript.defaultRealEstate().qualificationFields());
        assertThat(filled.greeting()).isEqualTo("Hello {name}!");
    }

    @Test
    void everyPartTheBrokerWroteIsKept() {
        CampaignScript written = new CampaignScript("Asha", "Sunrise Realty", "en", "Hello {name}!",
                "We sell Sunrise Heights.", List.of(PARKING), "Bye!", "Mention the clubhouse.", List.of("Powai"));

        assertThat(written.withDefaultsFrom(CampaignScript.defaultRealEstate(Language.HINDI))).isEqualTo(written);
    }
}
