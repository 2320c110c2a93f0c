package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The guard against card testing, with the surge threshold at zero so that it is always on: a start
 * needs the puzzle solved (or, without script, a wait), each proof works once, and one network's
 * allowance runs out without touching another's.
 */
@SpringBootTest(
        properties = {
            "tamizdat.support.guard.surge-starts=0",
            "tamizdat.support.guard.work-bits=8",
            "tamizdat.support.guard.scriptless-wait=2s",
            "tamizdat.support.checkouts-per-minute-per-network=4"
        })
@AutoConfigureMockMvc
class CheckoutGuardTests {

    @Autowired
    MockMvc mvc;

    @Test
    void whileCheckoutsSurgeAStartNeedsTheSolvedPuzzleOnce() throws Exception {
        var form =
                mvc.perform(get("/support").with(from("10.1.1.1"))).andReturn().getResponse();
        assertThat(form.getHeader("Cache-Control")).contains("no-store");
        String challenge = Jsoup.parse(form.getContentAsString())
                .select("input[name=challenge]")
                .val();
        assertThat(Jsoup.parse(form.getContentAsString()).select("form[data-work-bits=8]"))
                .hasSize(1);

        var unsolved = start("10.1.1.1", challenge, "");
        var solved = start("10.1.1.1", challenge, solve(challenge, 8));
        var replayed = start("10.1.1.1", challenge, solve(challenge, 8));

        assertThat(unsolved.getStatus()).isEqualTo(429);
        assertThat(Jsoup.parse(unsolved.getContentAsString())
                        .select("[role=alert] li")
                        .text())
                .startsWith("Extra protection against automated attacks is on.");
        assertThat(Jsoup.parse(unsolved.getContentAsString())
                        .select("input[name=custom]")
                        .val())
                .isEqualTo("15");
        assertThat(solved.getStatus()).isEqualTo(302);
        assertThat(replayed.getStatus()).as("a proof works once").isEqualTo(429);
    }

    @Test
    void aReaderWithoutScriptGetsThroughAfterTheWait() throws Exception {
        String challenge = Jsoup.parse(mvc.perform(get("/support").with(from("10.2.2.2")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("input[name=challenge]")
                .val();

        assertThat(start("10.2.2.2", challenge, "").getStatus()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> start("10.2.3.3", challenge, "").getStatus() == 302);
    }

    @Test
    void oneNetworksAllowanceRunsOutWithoutTouchingAnothers() throws Exception {
        for (int i = 0; i < 4; i++) {
            start("10.3.3." + i, "", "");
        }

        var busy = start("10.3.3.200", challenge("10.4.4.4"), "");
        var other = challenge("10.5.5.5");
        var elsewhere = start("10.5.5.5", other, solve(other, 8));

        assertThat(busy.getStatus()).isEqualTo(429);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("60");
        assertThat(Jsoup.parse(busy.getContentAsString())
                        .select("[role=alert] li")
                        .text())
                .startsWith("Many contributions are being started from your network");
        assertThat(elsewhere.getStatus()).isEqualTo(302);
    }

    @Test
    void thePuzzleCountsLeadingZeroBitsOfTheHash() {
        // SHA-256("a:0") begins 0x0e = 0000 1110: four leading zero bits
        assertThat(CheckoutGuard.leadingZeroBits("a", "0")).isEqualTo(4);
        String answer = solve("challenge", 12);
        assertThat(CheckoutGuard.leadingZeroBits("challenge", answer)).isGreaterThanOrEqualTo(12);
    }

    private String challenge(String address) throws Exception {
        return Jsoup.parse(mvc.perform(get("/support").with(from(address)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("input[name=challenge]")
                .val();
    }

    @Test
    void theAppealOnACachedPageFetchesAPuzzleThatStartsACheckoutOnce() throws Exception {
        var fetched = mvc.perform(get("/support/challenge").with(from("10.3.3.3")))
                .andReturn()
                .getResponse();
        assertThat(fetched.getHeader("Cache-Control")).contains("no-store");
        var puzzle = java.util.regex.Pattern.compile(
                        "\\{\"bits\":8,\"token\":\"([^\"]+)\"}|\\{\"token\":\"([^\"]+)\",\"bits\":8}")
                .matcher(fetched.getContentAsString());
        assertThat(puzzle.matches()).as(fetched.getContentAsString()).isTrue();
        String challenge = puzzle.group(1) != null ? puzzle.group(1) : puzzle.group(2);

        var solved = start("10.3.3.3", challenge, solve(challenge, 8));
        var replayed = start("10.3.3.3", challenge, solve(challenge, 8));

        assertThat(solved.getStatus()).isEqualTo(302);
        assertThat(replayed.getStatus()).isEqualTo(429);
    }

    private MockHttpServletResponse start(String address, String challenge, String answer) throws Exception {
        return mvc.perform(post("/support")
                        .with(from(address))
                        .param("frequency", "once")
                        .param("custom", "15")
                        .param("currency", "USD")
                        .param("challenge", challenge)
                        .param("answer", answer))
                .andReturn()
                .getResponse();
    }

    /** What site.js does in the browser. */
    private static String solve(String challenge, int bits) {
        for (int n = 0; ; n++) {
            if (CheckoutGuard.leadingZeroBits(challenge, Integer.toString(n)) >= bits) {
                return Integer.toString(n);
            }
        }
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
