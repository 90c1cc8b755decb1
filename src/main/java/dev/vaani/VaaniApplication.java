package dev.vaani;

import dev.vaani.simulator.LocalExotelCommand;
import dev.vaani.simulator.SimulatorCommand;
import dev.vaani.simulator.sarvam.LocalSarvamCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VaaniApplication {

    public static void main(String[] args) {
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
        SpringApplication.run(VaaniApplication.class, args);
    }
}
