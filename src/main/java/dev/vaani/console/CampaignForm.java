package dev.vaani.console;

import dev.vaani.campaign.Campaign;
import dev.vaani.campaign.CampaignRequest;
import dev.vaani.campaign.ScriptLimits;
import dev.vaani.campaign.TraiCallingWindow;
import dev.vaani.conversation.CampaignScript;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The campaign form as the browser posts it; blank question rows are ignored. Its calling window is checked by the
 * same rule as the API's (TRAI's hours), reported next to the window's fields.
 */
@TraiCallingWindow(startField = "windowStart", endField = "windowEnd")
public class CampaignForm implements TraiCallingWindow.Fields {

    @NotBlank(message = "Give the campaign a name")
    @Size(max = 200, message = "At most 200 characters")
    private String name;
    @Pattern(regexp = "en|hi|hinglish", message = "Choose English, Hindi or Hinglish")
    private String language = "en";
    @NotNull(message = "Enter a time such as 09:00")
    @DateTimeFormat(pattern = "HH:mm")
    private LocalTime windowStart = LocalTime.of(9, 0);
    @NotNull(message = "Enter a time such as 21:00")
    @DateTimeFormat(pattern = "HH:mm")
    private LocalTime windowEnd = LocalTime.of(21, 0);
    @NotBlank(message = "Enter a time zone such as Asia/Kolkata")
    private String timeZone = "Asia/Kolkata";
    @NotNull(message = "Enter a number from 1 to 1000")
    @Min(value = 1, message = "At least 1") @Max(value = 1000, message = "At most 1000")
    private Integer maxConcurrentCalls = 5;
    @NotNull(message = "Enter a number from 1 to 20")
    @Min(value = 1, message = "At least 1") @Max(value = 20, message = "At most 20")
    private Integer retryMaxAttempts = 3;
    @NotNull(message = "Enter minutes, from 1 to 10080")
    @Min(value = 1, message = "At least 1 minute") @Max(value = 10080, message = "At most a week (10080)")
    private Integer retryIntervalMinutes = 120;
    private boolean recordCalls;
    @NotBlank(message = "The greeting is the first thing the lead hears")
    @Size(max = ScriptLimits.GREETING, message = "At most {max} characters")
    private String greeting;
    @Size(max = ScriptLimits.PURPOSE, message = "At most {max} characters")
    private String purpose;
    @Valid
    private List<Question> questions = new ArrayList<>();

    /** One qualification question: the collected_data key it fills, how the agent asks, and whether it is required. */
    public static class Question {
        @Pattern(regexp = "|[a-z][a-z0-9_]{0,39}", message = "Lower-case letters, digits and _ (e.g. budget)")
        private String key = "";
        @Size(max = ScriptLimits.QUESTION, message = "At most {max} characters")
        private String question = "";
        private boolean required;

        public Question() {
        }

        Question(String key, String question, boolean required) {
            this.key = key;
            this.question = question;
            this.required = required;
        }

        boolean blank() {
            return (key == null || key.isBlank()) && (question == null || question.isBlank());
        }

        public String getKey() { return key; }
        public void setKey(String key) { this.key = key == null ? "" : key.strip(); }
        public String getQuestion() { return question; }
        public void setQuestion(String question) { this.question = question == null ? "" : question.strip(); }
        public boolean isRequired() { return required; }
        public void setRequired(boolean required) { this.required = required; }
    }

    /** A new campaign's form: the default real-estate script, two empty question rows to add more. */
    static CampaignForm blank() {
        CampaignForm form = new CampaignForm();
        CampaignScript script = CampaignScript.defaultRealEstate();
        form.greeting = script.greeting();
        form.purpose = script.purpose();
        script.qualificationFields().forEach(f -> form.questions.add(new Question(f.key(), f.question(), f.required())));
        return form.withSpareRows();
    }

    static CampaignForm of(Campaign campaign) {
        CampaignForm form = new CampaignForm();
        form.name = campaign.name();
        form.language = campaign.language();
        form.windowStart = campaign.callingWindowStart();
        form.windowEnd = campaign.callingWindowEnd();
        form.timeZone = campaign.timeZone();
        form.maxConcurrentCalls = campaign.maxConcurrentCalls();
        form.retryMaxAttempts = campaign.retryMaxAttempts();
        form.retryIntervalMinutes = campaign.retryIntervalMinutes();
        form.recordCalls = campaign.recordCalls();
        form.greeting = campaign.script().greeting();
        form.purpose = campaign.script().purpose();
        campaign.script().qualificationFields()
                .forEach(f -> form.questions.add(new Question(f.key(), f.question(), f.required())));
        return form.withSpareRows();
    }

    CampaignForm withSpareRows() {
        questions.add(new Question());
        questions.add(new Question());
        return this;
    }

    /** The questions the operator filled in (a row with a question but no key is reported by the controller). */
    List<Question> filledQuestions() {
        return questions.stream().filter(q -> !q.blank()).toList();
    }

    /** The request for the campaign service; the parts of the script the form does not edit are kept from {@code base}. */
    CampaignRequest toRequest(CampaignScript base) {
        List<CampaignScript.QualificationField> fields = filledQuestions().stream()
                .map(q -> new CampaignScript.QualificationField(q.key, q.question, q.required)).toList();
        CampaignScript script = new CampaignScript(base.agentName(), base.companyName(), language, greeting.strip(),
                purpose == null ? "" : purpose.strip(), fields, base.closing(), base.extraInstructions(),
                base.localities());
        return new CampaignRequest(name.strip(), language, script, fields.stream().map(CampaignScript.QualificationField::key).toList(),
                windowStart, windowEnd, timeZone.strip(), maxConcurrentCalls, retryMaxAttempts, retryIntervalMinutes,
                recordCalls);
    }

    @Override
    public LocalTime callingWindowStart() { return windowStart; }
    @Override
    public LocalTime callingWindowEnd() { return windowEnd; }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public LocalTime getWindowStart() { return windowStart; }
    public void setWindowStart(LocalTime windowStart) { this.windowStart = windowStart; }
    public LocalTime getWindowEnd() { return windowEnd; }
    public void setWindowEnd(LocalTime windowEnd) { this.windowEnd = windowEnd; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public Integer getMaxConcurrentCalls() { return maxConcurrentCalls; }
    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) { this.maxConcurrentCalls = maxConcurrentCalls; }
    public Integer getRetryMaxAttempts() { return retryMaxAttempts; }
    public void setRetryMaxAttempts(Integer retryMaxAttempts) { this.retryMaxAttempts = retryMaxAttempts; }
    public Integer getRetryIntervalMinutes() { return retryIntervalMinutes; }
    public void setRetryIntervalMinutes(Integer retryIntervalMinutes) { this.retryIntervalMinutes = retryIntervalMinutes; }
    public boolean isRecordCalls() { return recordCalls; }
    public void setRecordCalls(boolean recordCalls) { this.recordCalls = recordCalls; }
    public String getGreeting() { return greeting; }
    public void setGreeting(String greeting) { this.greeting = greeting; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String purpose) { this.purpose = purpose; }
    public List<Question> getQuestions() { return questions; }
    public void setQuestions(List<Question> questions) { this.questions = questions; }
}
