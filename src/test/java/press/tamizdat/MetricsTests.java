package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /actuator/prometheus}, as Prometheus scrapes it from the management port (without one, the
 * site's own port serves it to admins: {@code StaffLoginTests}): the page cache, renders, sign-in failures, payment webhooks by
 * provider, the newsletter's backlog, job lag and the mirrors, in the text format promtool accepts.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
@AutoConfigureMockMvc
class MetricsTests {

    static final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int sitePort;

    @Autowired
    MockMvc mvc;

    @Test
    void prometheusScrapesTheManagementPortAndSeesWhatTheSiteDid() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk());
        mvc.perform(get("/")).andExpect(status().isOk());
        mvc.perform(formLogin("/newsroom/login")
                .userParameter("email")
                .user("nobody@example.org")
                .password("wrong"));
        mvc.perform(post("/support/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .header("Stripe-Signature", "t=1,v1=forged"));

        var scrape = fetch(managementPort, "/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(value(metrics, "cache_gets_total", "cache=\"pages\"", "result=\"hit\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "tamizdat_pages_render_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "tamizdat_pages_cache_bytes")).isPositive();
        assertThat(value(metrics, "tamizdat_newsroom_sign_in_failures_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "tamizdat_support_webhooks_total", "provider=\"stripe\"", "outcome=\"refused\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "tamizdat_newsletter_backlog")).isZero();
        assertThat(value(metrics, "tamizdat_jobs_lag_seconds")).isNotNegative();
        assertThat(value(metrics, "tamizdat_mirrors", "state=\"fresh\"")).isNotNegative();
        assertThat(value(metrics, "tamizdat_channels_webhooks_retrying")).isZero();
        assertThat(value(metrics, "tamizdat_channels_telegram_waiting")).isNotNegative();
        assertThat(metrics).contains("tamizdat_newsletter_sent_total", "tamizdat_mirror_age_seconds");
        checkedByPromtool(metrics);
    }

    @Test
    void withAManagementPortTheSitesOwnPortServesNoMetrics() throws Exception {
        var anonymous = fetch(sitePort, "/actuator/prometheus");

        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("tamizdat_");
    }

    @Test
    void loadBalancersProbeTheManagementPort() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var answer = fetch(managementPort, probe);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"UP\"");
        }
        // and on the site's own port, for a probe that only reaches the site (Varnish's)
        for (String probe : List.of("/livez", "/readyz")) {
            assertThat(fetch(sitePort, probe).statusCode()).isEqualTo(200);
        }
    }

    /** The value of the first sample of {@code name} carrying every one of {@code labels}. */
    static double value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No sample of " + name + " " + Arrays.toString(labels)));
    }

    /**
     * Prometheus's own checker reads the scrape as the server would. Where promtool is not installed
     * the check is skipped, unless TAMIZDAT_REQUIRE_OPS_TOOLS asks for the operations tools (CI).
     */
    static void checkedByPromtool(String metrics) throws IOException, InterruptedException {
        var promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            assertThat(System.getenv("TAMIZDAT_REQUIRE_OPS_TOOLS"))
                    .as("promtool is not installed (apt-get install prometheus)")
                    .isNull();
            return;
        }
        var check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (var in = check.getOutputStream()) {
            in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // "check metrics" also lints names and help texts; only errors in the format fail it
        assertThat(said).doesNotContain("error while linting");
        assertThat(check.exitValue()).as(said).isIn(0, 3);
    }

    static HttpResponse<String> fetch(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
