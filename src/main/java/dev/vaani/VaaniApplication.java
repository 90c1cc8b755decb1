package dev.vaani;

import dev.vaani.simulator.LocalExotelCommand;
import dev.vaani.simulator.SimulatorCommand;
import dev.vaani.simulator.VaaniVersion;
import dev.vaani.simulator.sarvam.LocalSarvamCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VaaniApplication {

    /** The JDK's setting for how many carrier threads run virtual threads; it is read when the first one starts. */
    static final String VIRTUAL_THREAD_CARRIERS = "jdk.virtualThreadScheduler.parallelism";
    /**
     * Carriers for virtual threads: at least this many, not one per core. A virtual thread blocked inside a class
     * initialiser keeps its carrier. Just after a start-up, on a 2-core machine, two request threads did so, waiting
     * for a jar lock whose holder waited for a virtual thread that needed a carrier: the server stopped answering
     * (thread dump of 2026-12-04). Calls' own work is short and blocking, so more carriers than cores costs nothing.
     */
    static final int MIN_VIRTUAL_THREAD_CARRIERS = 8;

    public static void main(String[] args) {
        ensureVirtualThreadCarriers();
        if (args.length > 0 && args[0].equals("simulate")) {
            // The simulator is a client of the server: it runs without Spring, databases or a web server.
            System.exit(SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("sarvam")) {
            System.exit(LocalSarvamCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("exotel")) {
            System.exit(LocalExotelCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.asList(args).contains("--version") || Arrays.asList(args).contains("-V")) {
            System.out.println(VaaniVersion.text());
            return;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(SERVER_USAGE);
            return;
        }
        SpringApplication.run(VaaniApplication.class, args);
    }

    static final String SERVER_USAGE = """
            Usage: ./vaani server
            Starts the Vaani server: the Exotel media stream (/media), the webhooks, the admin API (/api), the console
            (/) and Actuator, on SERVER_PORT (8080). With no DATABASE_URL / REDIS_URL it starts embedded PostgreSQL and
            Redis on loopback, their data in VAANI_DATA_DIR (./data).
            Settings come from the environment or a .env file in this folder (.env.example lists them all, with
            comments; README.md, "Configuration"). The other commands: ./vaani simulate --help, ./vaani exotel --help,
            ./vaani sarvam --help, ./vaani test.
            """;

    /** Sets the virtual threads' carriers unless the operator did ({@code -Djdk.virtualThreadScheduler.parallelism}). */
    static void ensureVirtualThreadCarriers() {
        if (System.getProperty(VIRTUAL_THREAD_CARRIERS) == null) {
            System.setProperty(VIRTUAL_THREAD_CARRIERS,
                    String.valueOf(Math.max(MIN_VIRTUAL_THREAD_CARRIERS, Runtime.getRuntime().availableProcessors())));
        }
    }
}
