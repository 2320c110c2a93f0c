package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import press.tamizdat.web.PublicPaths;

/**
 * The hardening headers on every page type of the demo site, over real HTTP — rendered, served
 * from the page cache, static, media, feeds, errors, the support pages and the newsroom — each
 * asked for twice, so that a cached copy is checked too. (docs/security.md lists the headers.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class SecurityHeadersTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPageTypeCarriesTheHardeningHeaders() throws Exception {
        var home = get("/");
        var page = Jsoup.parse(home.body());
        List<String> paths = new ArrayList<>(List.of(
                "/",
                first(page, "main a[href^='/en/']"),
                first(page, "a[href^='/section/']"),
                "/search?q=press",
                "/rss.xml",
                "/atom.xml",
                "/feed.json",
                "/sitemap.xml",
                "/robots.txt",
                "/support",
                "/support/manage",
                "/support/remind",
                "/newsletter",
                "/newsroom/login",
                "/assets/site.css",
                "/assets/site.js",
                "/no-such-page"));
        var article = Jsoup.parse(get(paths.get(1)).body());
        paths.add(first(article, "a[href^='/tag/']"));
        paths.add(first(article, "a[href^='/author/']"));
        paths.add(first(article, "img[src^='/media/']", "src"));

        for (String path : paths) {
            for (int time = 1; time <= 2; time++) {
                var response = get(path);
                String where = path + " (request " + time + ", status " + response.statusCode() + ")";
                assertThat(header(response, "Content-Security-Policy"))
                        .as(where)
                        .contains(
                                "default-src 'self'",
                                "script-src 'self'",
                                "object-src 'none'",
                                "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval");
                assertThat(header(response, "X-Content-Type-Options")).as(where).isEqualTo("nosniff");
                assertThat(header(response, "X-Frame-Options")).as(where).isEqualTo("DENY");
                // a page about one reader, or one carrying a token, sends no Referer at all (PersonalLinks)
                assertThat(header(response, "Referrer-Policy"))
                        .as(where)
                        .isEqualTo(PublicPaths.isPersonal(path) ? "no-referrer" : "same-origin");
                assertThat(header(response, "Permissions-Policy"))
                        .as(where)
                        .contains("camera=()", "geolocation=()", "microphone=()", "payment=()");
                assertThat(header(response, "Cross-Origin-Opener-Policy"))
                        .as(where)
                        .isEqualTo("same-origin");
                assertThat(response.headers().firstValue("Strict-Transport-Security"))
                        .as(where + ": HSTS only over HTTPS")
                        .isEmpty();
            }
        }
    }

    @Test
    void theNewsroomsSessionCookieIsHttpOnlyAndStrictlySameSiteAndPublicPagesSetNone() throws Exception {
        var login = get("/newsroom/login");
        var home = get("/");

        assertThat(login.headers().allValues("Set-Cookie"))
                .singleElement()
                .asString()
                .startsWith("SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(home.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aCrossSiteFormPostToTheNewsroomIsRefused() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/newsroom/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=admin%40tamizdat.local&password=guess"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("no CSRF token").isEqualTo(403);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(missing)");
    }

    private static String first(org.jsoup.nodes.Document page, String selector) {
        return first(page, selector, "href");
    }

    private static String first(org.jsoup.nodes.Document page, String selector, String attribute) {
        var element = page.selectFirst(selector);
        assertThat(element).as(selector).isNotNull();
        return element.attr(attribute).replaceAll("\\s.*", "");
    }
}
