package dev.vaani.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Keeps the benchmark harness from rotting: two calls of the short scenario through the real server process and the
 * fakes, and the report files written. No thresholds: the figures of a busy CI machine mean nothing.
 */
// Real-time calls against a server process with its own data folder, PostgreSQL and Redis.
@Execution(ExecutionMode.CONCURRENT)
class BenchmarkSmokeTest {

    @TempDir
    Path docs;

    @Test
    void runsTwoShortCallsAndWritesTheReport() throws Exception {
        Benchmark.Settings settings = Benchmark.Settings.parse(new String[] {"--steps=2", "--short", "--warmup=0",
                "--echo=", "--heap=512m", "--out=" + docs});

        Benchmark.Result result = new Benchmark(settings).run();
        Report.write(result, docs);

        assertThat(result.steps()).hasSize(1);
        Benchmark.Step step = result.steps().getFirst();
        assertThat(step.completedCalls()).isEqualTo(2);
        assertThat(step.voiceToVoice().count()).isPositive();
        assertThat(Files.readString(docs.resolve("benchmarks.md"))).contains("| target | measured | met |");
        try (var files = Files.list(docs.resolve("benchmarks"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".csv"))
                    .anyMatch(n -> n.endsWith(".png"));
        }
    }
}
