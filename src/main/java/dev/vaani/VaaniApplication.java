package dev.vaani;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VaaniApplication {

    public static void main(String[] args) {
        SpringApplication.run(VaaniApplication.class, args);
    }
}
