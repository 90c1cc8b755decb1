package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./vaani} launcher, run for real in a folder of its own where a stub stands in for Maven: its "build"
 * takes half a second, logs itself and notices a second build running at once, and leaves a jar whose main method
 * prints what it was asked to run.
 */
class LauncherTest {

    private static final String STUB_MAVEN = """
            #!/usr/bin/env bash
            # Maven's stand-in: a build that notices another one running in the same target/ at once
            mkdir -p target
            mkdir target/.building 2>/dev/null || { echo overlap >> builds.log; exit 1; }
            echo build >> builds.log
            [ -f fail-build ] && { rmdir target/.building; exit 1; }
            sleep 0.5
            cp stub.jar target/vaani.jar
            rmdir target/.building
            """;

    @TempDir
    Path folder;

    @BeforeEach
    void aCloneWhoseJarIsNotBuiltYet() throws Exception {
        assumeThat(Path.of("/usr/bin/flock")).as("util-linux flock").exists();
        Files.copy(Path.of("vaani"), folder.resolve("vaani"));
        Files.writeString(folder.resolve("mvnw"), STUB_MAVEN);
        for (String script : List.of("vaani", "mvnw")) {
            Files.setPosixFilePermissions(folder.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(folder.resolve("src"));
        Files.writeString(folder.resolve("pom.xml"), "<project/>");
        writeStubJar(folder.resolve("stub.jar"));
    }

    @Test
    void twoCommandsStartedTogetherOnAFreshCloneBuildOnceAndBothRun() throws Exception {
        Process exotel = launch("exotel", "--port", "8089");
        Process server = launch("server");

        assertThat(finish(exotel)).contains("ran exotel --port 8089");
        assertThat(finish(server)).contains("ran [no arguments]");
        assertThat(Files.readAllLines(folder.resolve("builds.log"))).containsExactly("build");
    }

    @Test
    void aFailedBuildRunsNothingEvenWithAnOlderJarLeftInTarget() throws Exception {
        Files.createDirectories(folder.resolve("target"));
        Files.copy(folder.resolve("stub.jar"), folder.resolve("target/vaani.jar"));
        Files.setLastModifiedTime(folder.resolve("target/vaani.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(folder.resolve("fail-build"), "");

        Process simulate = launch("simulate", "--demo");

        assertThat(simulate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(simulate.exitValue()).isNotZero();
        assertThat(new String(simulate.getInputStream().readAllBytes())).doesNotContain("ran");
    }

    @Test
    void eachCommandRunsFromItsOwnCopyOfTheJar() throws Exception {
        assertThat(finish(launch("simulate", "--demo"))).contains("ran simulate --demo");

        assertThat(folder.resolve("target/vaani-simulate.jar")).hasSameBinaryContentAs(folder.resolve("stub.jar"));
        try (var left = Files.list(folder.resolve("target"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".jar."));
        }
    }

    private Process launch(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("./vaani"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("REDIS_URL", "redis://127.0.0.1:1"); // no Redis install from a test
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** A jar whose main prints "ran" and its arguments, compiled here. */
    private void writeStubJar(Path jar) throws IOException {
        Path source = folder.resolve("stub/StubMain.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                public class StubMain {
                    public static void main(String[] args) {
                        System.out.println("ran " + (args.length == 0 ? "[no arguments]" : String.join(" ", args)));
                    }
                }
                """);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
                source.getParent().toString(), source.toString());
        assertThat(status).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StubMain");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("StubMain.class"));
            out.write(Files.readAllBytes(source.getParent().resolve("StubMain.class")));
            out.closeEntry();
        }
    }
}
