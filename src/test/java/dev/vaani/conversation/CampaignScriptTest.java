package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A campaign's script in its language: the default's lines follow the language, the broker's own never change. */
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
}
