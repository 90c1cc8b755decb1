package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The server's refusal of a lead file over the import limit, for a browser that sent it anyway (no script). */
class OversizedImportsTest {

    private final OversizedImports filter = new OversizedImports(DataSize.ofMegabytes(10));

    private MockHttpServletResponse post(String path, long contentLength) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("multipart/form-data; boundary=XyZ");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public long getContentLengthLong() {
                return contentLength; // as a browser declares its upload's size; the body itself is not needed
            }
        }, response, new MockFilterChain());
        return response;
    }

    @Test
    void aCheckOfAFileOverTheLimitGoesBackToItsCampaignPageSayingSo() throws Exception {
        MockHttpServletResponse response = post("/campaigns/7/import/check", 11L * 1024 * 1024);

        assertThat(response.getRedirectedUrl()).isEqualTo("/campaigns/7?importTooLarge#import");
    }

    @Test
    void aCheckWithinTheLimitGoesOnToBeChecked() throws Exception {
        assertThat(post("/campaigns/7/import/check", 5L * 1024 * 1024).getRedirectedUrl()).isNull();
    }

    @Test
    void anotherLargeRequestIsNotItsBusiness() throws Exception {
        assertThat(post("/campaigns/7/edit", 11L * 1024 * 1024).getRedirectedUrl()).isNull();
        assertThat(post("/campaigns/x/import/check", 11L * 1024 * 1024).getRedirectedUrl()).isNull();
    }

    @Test
    void theLimitIsSaidInTheUnitItWasSetIn() {
        assertThat(OversizedImports.message(DataSize.ofMegabytes(10))).startsWith("That file is larger than 10 MB,");
        assertThat(OversizedImports.message(DataSize.ofKilobytes(512))).startsWith("That file is larger than 512 KB,");
    }
}
