package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import press.tamizdat.publishing.ArticleCards;

/**
 * The application's logs, at the level it runs at (INFO), name no reader's address: not for a
 * reading, a missing page, a refused form, a failed sign-in or a request for one's data, whether
 * the address comes from the connection or from a proxy's {@code X-Forwarded-For}.
 */
@SpringBootTest(properties = {"spring.application.name=tamizdat-privacy", "tamizdat.demo=true"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class LogsHoldNoAddressTests {

    static final String CLIENT = "203.0.113.201";
    static final String FORWARDED = "198.51.100.201";

    @Autowired
    MockMvc mvc;

    @Autowired
    ArticleCards articles;

    final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logAsInProduction() {
        // the tests run with WARN; the application runs with Spring Boot's INFO
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    @AfterEach
    void quietAgain() {
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    }

    MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
        return request.header("X-Forwarded-For", FORWARDED)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .with(r -> {
                    r.setRemoteAddr(CLIENT);
                    return r;
                });
    }

    @Test
    void noReadersAddressReachesTheLog(CapturedOutput output) throws Exception {
        mvc.perform(from(get(articles.latest(1).getFirst().path())));
        mvc.perform(from(get("/en/no-such-article")));
        mvc.perform(from(get("/search").param("q", "border")));
        mvc.perform(from(post("/newsletter").param("email", "not an address")));
        mvc.perform(from(post("/support/remind").param("email", "x")));
        mvc.perform(from(post("/privacy/my-data/link").param("email", "reader@example.org")));
        mvc.perform(from(post("/newsroom/login")
                .with(csrf())
                .param("email", "nobody@example.org")
                .param("password", "wrong password here")));

        org.slf4j.LoggerFactory.getLogger(ArticleCards.class).info("the capture sees INFO lines");

        assertThat(output.getAll()).contains("the capture sees INFO lines");
        assertThat(output.getAll()).doesNotContain(CLIENT).doesNotContain(FORWARDED);
    }
}
