package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    @Test
    void readsEveryStepAndExpectationWithAudioRelativeToTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("clips"));
        Wav.write(dir.resolve("clips/yes.wav"), 8000, 1, FakeBotServer.tone(300, 8000));
        Files.write(dir.resolve("clips/wait.raw"), FakeBotServer.tone(200, 16000));
        Path file = dir.resolve("s.json");
        Files.writeString(file, """
                { "name": "all steps", "timeoutSeconds": 30,
                  "steps": [ "waitForBotToFinish",
                             {"waitForBotToFinish": {"silenceMs": 500, "maxWaitMs": 9000}},
                             {"waitForBotToFinish": 650},
                             {"say": "clips/yes.wav"},
                             {"pause": 250},
                             {"bargeIn": {"afterBotSpeechMs": 1200, "audio": "clips/wait.raw", "sampleRate": 16000}},
                             {"dtmf": "5"},
                             {"dtmf": {"digit": "#", "durationMs": 200}},
                             "hangUp" ],
                  "expect": ["greeting", {"botRepliesAtLeast": 3}, "bargeInCleared", "serverHangsUp",
                             "noChunkViolations"] }
                """);

        Scenario scenario = ScenarioFile.load(file);

        assertThat(scenario.name()).isEqualTo("all steps");
        assertThat(scenario.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scenario.steps()).hasSize(9);
        assertThat(scenario.steps().get(0)).isEqualTo(new ScenarioStep.WaitForBotToFinish(800, 20_000));
        assertThat(scenario.steps().get(1)).isEqualTo(new ScenarioStep.WaitForBotToFinish(500, 9000));
        assertThat(scenario.steps().get(2)).isEqualTo(new ScenarioStep.WaitForBotToFinish(650, 20_000));
        assertThat(scenario.steps().get(3)).isInstanceOfSatisfying(ScenarioStep.Say.class, s -> {
            assertThat(s.audio().sampleRate()).isEqualTo(8000);
            assertThat(s.audio().durationMs()).isEqualTo(300);
        });
        assertThat(scenario.steps().get(4)).isEqualTo(new ScenarioStep.Pause(250));
        assertThat(scenario.steps().get(5)).isInstanceOfSatisfying(ScenarioStep.BargeIn.class, b -> {
            assertThat(b.afterBotSpeechMs()).isEqualTo(1200);
            assertThat(b.audio().sampleRate()).isEqualTo(16000);
        });
        assertThat(scenario.steps().get(6)).isEqualTo(new ScenarioStep.Dtmf("5", 100));
        assertThat(scenario.steps().get(7)).isEqualTo(new ScenarioStep.Dtmf("#", 200));
        assertThat(scenario.steps().get(8)).isEqualTo(new ScenarioStep.HangUp());
        assertThat(scenario.expectations()).containsExactly(new Expectation.Greeting(),
                new Expectation.BotRepliesAtLeast(3), new Expectation.BargeInCleared(),
                new Expectation.ServerHangsUp(), new Expectation.NoChunkViolations());
    }

    @Test
    void explainsMistakes(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("{\"steps\": [\"dance\"]}"))
                .hasMessageContaining("step 1").hasMessageContaining("unknown step \"dance\"");
        assertThatThrownBy(() -> parse("{\"steps\": [{\"dtmf\": \"x\"}]}")).hasMessageContaining("0-9, * or #");
        assertThatThrownBy(() -> parse("{\"steps\": []}")).hasMessageContaining("non-empty array");
        assertThatThrownBy(() -> parse("{\"steps\": [\"hangUp\"], \"expect\": [\"miracles\"]}"))
                .hasMessageContaining("unknown expectation \"miracles\"");
        assertThatThrownBy(() -> parse("{nope")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"steps\": [{\"bargeIn\": {\"audio\": \"a.wav\"}}]}"))
                .hasMessageContaining("missing \"afterBotSpeechMs\"");

        Wav.write(dir.resolve("stereo.wav"), 8000, 2, new byte[64]);
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"steps\": [{\"say\": \"stereo.wav\"}]}");
        assertThatThrownBy(() -> ScenarioFile.load(file)).isInstanceOf(SimulatorException.class)
                .hasMessageContaining("stereo.wav").hasMessageContaining("16-bit mono");
        Files.writeString(file, "{\"steps\": [{\"say\": \"missing.wav\"}]}");
        assertThatThrownBy(() -> ScenarioFile.load(file)).hasMessageContaining("missing.wav");
    }

    @Test
    void theDemoScenarioLoadsFromTheClasspath() {
        Scenario demo = ScenarioFile.demo();
        assertThat(demo.steps()).hasSizeGreaterThan(10);
        assertThat(demo.steps()).filteredOn(ScenarioStep.BargeIn.class::isInstance).hasSize(1);
        assertThat(demo.expectations()).contains(new Expectation.Greeting(), new Expectation.BargeInCleared());
    }

    @Test
    void aSayStepCarriesTheCallersWordsWhenTheScenarioGivesThem() {
        Scenario scenario = parse("{\"steps\": [{\"say\": {\"audio\": \"a.wav\", \"text\": \"हाँ जी, बोलिए\"}}, {\"say\": \"b.wav\"}]}");

        assertThat(scenario.steps()).extracting(step -> ((ScenarioStep.Say) step).text())
                .containsExactly("हाँ जी, बोलिए", null);
    }

    @Test
    void theHindiDemoIsBuiltInAndEveryCallerLineIsInDevanagari() {
        Scenario hindi = ScenarioFile.named("hindi-demo");

        assertThat(hindi.steps()).filteredOn(ScenarioStep.Say.class::isInstance).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(step -> assertThat(((ScenarioStep.Say) step).text()).matches(".*[\\u0900-\\u097F].*"));
    }

    private static Scenario parse(String json) {
        return ScenarioFile.parse(json, "test.json", p -> Wav.encode(8000, 1, FakeBotServer.tone(100, 8000)));
    }
}
