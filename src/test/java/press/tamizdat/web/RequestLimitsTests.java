package press.tamizdat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Readers' forms take a few fields, the webhook a provider's event, and only the newsroom's upload
 * forms take files: larger bodies and files elsewhere are refused before anything reads them,
 * with the error page and no stack trace.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RequestLimitsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aReadersFormPostOverTheLimitIsRefusedAsTooLarge() throws Exception {
        for (String form : new String[] {"/newsletter", "/support", "/support/remind", "/privacy/my-data"}) {
            var response = mvc.perform(post(form)
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .content("email=a%40example.org&padding=" + "x".repeat(70 * 1024)))
                    .andReturn()
                    .getResponse();

            assertThat(response.getStatus()).as(form).isEqualTo(413);
        }
    }

    @Test
    void aReadersFormWithinTheLimitIsRead() throws Exception {
        var response = mvc.perform(post("/newsletter")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("email=not-an-address&padding=" + "x".repeat(10 * 1024)))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
    }

    @Test
    void aFileSentToAFormThatTakesNoneIsRefused() throws Exception {
        var file = new MockMultipartFile("email", "big.bin", "application/octet-stream", new byte[1024]);

        for (String form : new String[] {"/newsletter", "/support", "/search"}) {
            var response = mvc.perform(multipart(form).file(file)).andReturn().getResponse();

            assertThat(response.getStatus()).as(form).isEqualTo(415);
        }
    }

    @Test
    void aWebhookBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        var response = mvc.perform(post(PublicPaths.WEBHOOKS + "/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Stripe-Signature", "t=1,v1=00")
                        .content("{\"pad\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(413);
    }
}
