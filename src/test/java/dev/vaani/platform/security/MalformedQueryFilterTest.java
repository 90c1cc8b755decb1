package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as a query of valid percent-encoding (RFC 3986 characters, escapes of UTF-8). */
class MalformedQueryFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a=b", "secret=hook_0f&CallSid=CA12", "a=b&&c", "flag", "x=a+b", "x=%41%42",
            "q=%E0%A4%B9", "q=%e0%a4%b9", "u=http://h/p?x=1:2@y", "s=!$'()*,;=~._-"})
    void aQueryOfRfc3986CharactersAndUtf8EscapesIsWellFormed(String query) {
        assertThat(MalformedQueryFilter.wellFormed(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=%zz", "%zz=1", "x=%4", "x=%", "x=%G0", "x=%ff", "x=%C3", "x=%E0%A4", "x=a b",
            "x=é", "x=\u0085", "x=a^b", "x=a<b>", "x=%\u0661\u0662"})
    void anythingElseIsMalformed(String query) {
        assertThat(MalformedQueryFilter.wellFormed(query)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stream[Status]=completed", "Stream={\"StreamSID\":\"62x\"}", "x=a|b"})
    void whatExotelsPassthruSendsUnencodedIsWellFormed(String query) {
        assertThat(MalformedQueryFilter.wellFormed(query)).isTrue();
    }

    @Test
    void whatExotelsPassthruSendsUnencodedGoesOnPercentEncoded() {
        assertThat(MalformedQueryFilter.encodeTolerated("CallSid=ab&Stream[Status]=completed&Stream={\"a\":\"b|c\"}"))
                .isEqualTo("CallSid=ab&Stream%5BStatus%5D=completed&Stream=%7B%22a%22:%22b%7Cc%22%7D");
        String plain = "secret=hook_0f&CallSid=CA12";
        assertThat(MalformedQueryFilter.encodeTolerated(plain)).isSameAs(plain);
    }
}
