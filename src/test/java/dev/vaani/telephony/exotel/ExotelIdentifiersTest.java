package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExotelIdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"b6cfaf5f5cef3ca0fc937749ef96d245", "CAxxxxxxxxxxxxxxxxxxxxxxxx", "MZxxxxxxxxxxxxxxxxxxxxxxxx",
            "ACxxxxxxxxxxxxxxxxxxxxxxxx", "acme1", "fuzz-healthy-0b6c2a9e-3f5e-4b7a-9d6c-2e1f0a9b8c7d", "sip:exotel_1.a"})
    void exotelsSidsTheDocsPlaceholdersAndOursAreIdentifiers(String sid) {
        assertThat(ExotelIdentifiers.isIdentifier(sid)).isTrue();
    }

    @Test
    void ourFallBackSidIsAnIdentifier() {
        assertThat(ExotelIdentifiers.isIdentifier("local-" + UUID.randomUUID())).isTrue();
    }

    @Test
    void anIdentifierHasAtMost128Characters() {
        assertThat(ExotelIdentifiers.isIdentifier("a".repeat(128))).isTrue();
        assertThat(ExotelIdentifiers.isIdentifier("a".repeat(129))).isFalse();
        assertThat(ExotelIdentifiers.isIdentifier("a".repeat(200_000))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"FORGE-C6\nFAKE ERROR admin key leaked", "CA1\r", "CA 1", "CA/1", "CA'1", "CA\"1", "CA\\1",
            "CA\u00001", "CAé", "CA\u20281", "<script>"})
    void lineBreaksSpacesQuotesAndOtherCharactersMakeNoIdentifier(String sid) {
        assertThat(ExotelIdentifiers.isIdentifier(sid)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+919876543210", "09876543210", "0XXXXX30240", "+91 98765-43210", "(080) 4749.1899", "anonymous"})
    void phoneNumbersAsExotelWritesThemAreTaken(String number) {
        assertThat(ExotelIdentifiers.isPhoneNumber(number)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"+919876543210\nFAKE ERROR admin key leaked", "+91;98765", "+91<98765>",
            "123456789012345678901234567890123"})
    void anythingElseIsNoPhoneNumber(String number) {
        assertThat(ExotelIdentifiers.isPhoneNumber(number)).isFalse();
    }
}
