package dev.vaani.telephony.exotel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads committed protocol fixtures from src/test/resources/exotel. */
final class Fixtures {

    private Fixtures() {
    }

    static String exotel(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/exotel/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
