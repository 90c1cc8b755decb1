package dev.vaani.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Where chosen threads stand, virtual ones included, for the failure message of a test that waited for something that
 * never came. A hang seen once in hundreds of CI runs cannot be reproduced on demand: its one failure has to say what
 * every party was doing.
 */
public final class ThreadDump {

    private static final int FRAMES_PER_THREAD = 30;

    private ThreadDump() {}

    /** The stacks of the live threads whose names start with one of {@code namePrefixes}, in the prefixes' order. */
    public static String of(String... namePrefixes) {
        try {
            Path folder = Files.createTempDirectory("thread-dump");
            Path file = folder.resolve("threads.txt");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = Files.readString(file);
            Files.delete(file);
            Files.delete(folder);
            return Arrays.stream(dump.split("\n\n"))
                    .filter(block -> block.startsWith("#") && prefixIndex(block, namePrefixes) >= 0)
                    .sorted(Comparator.comparingInt(block -> prefixIndex(block, namePrefixes)))
                    .map(ThreadDump::shortened)
                    .collect(Collectors.joining("\n\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which of the prefixes the thread's name starts with (the first listed comes first), or -1. */
    private static int prefixIndex(String block, String[] prefixes) {
        int open = block.indexOf('"');
        for (int i = 0; open >= 0 && i < prefixes.length; i++) {
            if (block.startsWith(prefixes[i], open + 1)) {
                return i;
            }
        }
        return -1;
    }

    private static String shortened(String block) {
        return block.lines().limit(FRAMES_PER_THREAD + 1L).collect(Collectors.joining("\n"));
    }
}
