package dev.vaani.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Installs the offline recogniser's Debian packages in the background when the server starts without them, if it
 * may do so without asking anyone: running as root, or with password-less {@code sudo -n}. Otherwise it logs the
 * one command to run. The server serves calls all along; the recogniser is picked up by the first call after the
 * install finishes (see {@link OfflineSpeech}). Off with {@code VAANI_INSTALL_OFFLINE_SPEECH=false}.
 */
@Component
class OfflineSpeechInstaller {

    static final String SCRIPT = "scripts/install-offline-speech.sh";
    static final String MANUAL_COMMAND = "sudo bash " + SCRIPT
            + "   (or: sudo apt-get install -y libpocketsphinx3 pocketsphinx-en-us)";

    private static final Logger log = LoggerFactory.getLogger(OfflineSpeechInstaller.class);

    private final OfflineSpeech offline;
    private final boolean enabled;

    OfflineSpeechInstaller(OfflineSpeech offline, @Value("${vaani.offline-speech.auto-install:true}") boolean enabled) {
        this.offline = offline;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void installIfMissing() {
        if (offline.recogniserAvailable()) {
            return;
        }
        Path script = Path.of(SCRIPT).toAbsolutePath();
        if (!enabled || !Files.isRegularFile(script) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            log.warn("Offline speech recognition is not installed; calls cannot hear the caller until you run: {}"
                    + " (the server keeps running and uses it as soon as it is installed)", MANUAL_COMMAND);
            return;
        }
        List<String> command = installCommand(script);
        if (command.isEmpty()) {
            log.warn("Offline speech recognition is not installed and this user may not install packages"
                    + " (not root, no password-less sudo). Run once: {} — no restart needed afterwards", MANUAL_COMMAND);
            return;
        }
        Thread.ofVirtual().name("offline-speech-install").start(() -> install(command));
    }

    private static List<String> installCommand(Path script) {
        if ("root".equals(System.getProperty("user.name"))) {
            return List.of("bash", script.toString());
        }
        if (succeeds(List.of("sudo", "-n", "true"))) {
            return List.of("sudo", "-n", "bash", script.toString());
        }
        return List.of();
    }

    private void install(List<String> command) {
        log.info("Offline speech recognition is not installed; installing it in the background: {}",
                String.join(" ", command));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> tail = new ArrayList<>();
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    log.debug("install-offline-speech: {}", line);
                    if (line.startsWith("offline speech:")) {
                        log.info("{}", line);
                    }
                    tail.add(line);
                    if (tail.size() > 10) {
                        tail.removeFirst();
                    }
                }
            }
            int exit = process.waitFor();
            if (exit == 0 && offline.recogniserAvailable()) {
                log.info("Offline speech recognition installed and in use from the next call on (no restart needed)");
            } else {
                log.warn("Installing offline speech recognition failed (exit {}); last output: {}. Run: {}", exit,
                        String.join(" | ", tail), MANUAL_COMMAND);
            }
        } catch (IOException e) {
            log.warn("Could not run the offline speech installer ({}). Run: {}", e.getMessage(), MANUAL_COMMAND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
