package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import press.tamizdat.publishing.ArticleCards;

/**
 * What a browser shows beyond the page itself, in Debian's Chromium: no error in the console on
 * any public page type (a missing favicon was one on every page), a description for every page,
 * the sign-in page's passkey button readable against its background, and 24-pixel targets (WCAG
 * 2.2, 2.5.8): the light edition's section links without a style sheet, the masthead's link to
 * the other edition and a story's tags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class PageDetailsJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    ArticleCards articles;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void publicPagesLeaveTheConsoleEmptyAndDescribeThemselves() {
        browser = Browser.start(true);
        String article = articles.latest(1).getFirst().path();

        for (String path : List.of("/", "/section/news", "/support", article, "/lite", "/lite/section/news")) {
            browser.get(url(path));
            browser.findElement(By.tagName("main"));

            assertThat(browser.findElement(By.cssSelector("meta[name=description]"))
                            .getAttribute("content"))
                    .as(path)
                    .isNotBlank();
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .as("console of " + path)
                    .isEmpty();
        }
    }

    @Test
    void shareLinksLoadNothingFromTheServicesAndCopyLinkCopiesTheArticlesAddress() {
        browser = Browser.start(true);
        browser.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", url(""), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        String article = articles.latest(1).getFirst().path();
        browser.get(url(article));
        var copy = browser.findElement(By.cssSelector("nav.share .share-copy"));

        @SuppressWarnings("unchecked")
        var fetched = (List<String>)
                browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(fetched)
                .isNotEmpty()
                .allSatisfy(address -> assertThat(address).startsWith(url("/")));
        assertThat(browser.findElements(By.cssSelector("nav.share a")).stream().map(a -> a.getAttribute("href")))
                .anyMatch(href -> href.startsWith("https://t.me/share/url?url="))
                .anyMatch(href -> href.startsWith("https://vk.com/share.php?url="));

        copy.click();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> copy.getText().equals("Link copied"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url(article));
        assertThat(browser.executeAsyncScript("navigator.clipboard.readText().then(arguments[arguments.length - 1])"))
                .asString()
                .endsWith(article);
    }

    @Test
    void whenTheBrowserRefusesTheClipboardCopyLinkShowsTheAddressSelected() {
        browser = Browser.start(true);
        browser.executeCdpCommand(
                "Browser.setPermission",
                Map.of("origin", url(""), "permission", Map.of("name", "clipboard-write"), "setting", "denied"));
        String article = articles.latest(1).getFirst().path();
        browser.get(url(article));
        var copy = browser.findElement(By.cssSelector("nav.share .share-copy"));
        String address = copy.getAttribute("href");

        copy.click();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> copy.getText().equals(address));
        assertThat(browser.executeScript("return window.getSelection().toString()"))
                .isEqualTo(address);
        assertThat(browser.getCurrentUrl()).isEqualTo(url(article));
    }

    @Test
    void theFaviconIsServedForClientsThatAskForIt() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/favicon.ico")))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("image/");
        assertThat(response.body()).startsWith(new byte[] {0, 0, 1, 0});
    }

    @Test
    void thePasskeyButtonMeetsTextContrast() {
        browser = Browser.start(true);
        browser.get(url("/newsroom/login"));

        @SuppressWarnings("unchecked")
        var colours = (Map<String, String>) browser.executeScript("""
                const button = document.querySelector('[data-passkey-sign-in]');
                let node = button, background = 'rgba(0, 0, 0, 0)';
                while (node && (background === 'rgba(0, 0, 0, 0)' || background === 'transparent')) {
                  background = getComputedStyle(node).backgroundColor;
                  node = node.parentElement;
                }
                if (background === 'rgba(0, 0, 0, 0)') background = 'rgb(255, 255, 255)';
                return {text: getComputedStyle(button).color, background: background,
                        shown: String(button.offsetParent !== null)};
                """);

        assertThat(colours.get("shown")).isEqualTo("true");
        assertThat(contrast(colours.get("text"), colours.get("background")))
                .as("%s on %s", colours.get("text"), colours.get("background"))
                .isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void theLightEditionsSectionLinksAreTargetsOfTwentyFourPixels() {
        browser = Browser.start(false);
        browser.get(url("/lite"));

        @SuppressWarnings("unchecked")
        var boxes = (List<Map<String, Number>>) browser.executeScript("""
                return [...document.querySelectorAll('a[href^="/lite/section/"]')].map(a => {
                  const r = a.getBoundingClientRect();
                  return {x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height};
                });
                """);

        assertThat(boxes).hasSizeGreaterThan(1);
        for (int i = 0; i < boxes.size(); i++) {
            var a = boxes.get(i);
            boolean big = a.get("w").doubleValue() >= 24 && a.get("h").doubleValue() >= 24;
            for (int j = 0; j < boxes.size() && !big; j++) {
                if (i == j) {
                    continue;
                }
                var b = boxes.get(j);
                double distance = Math.hypot(
                        a.get("x").doubleValue() - b.get("x").doubleValue(),
                        a.get("y").doubleValue() - b.get("y").doubleValue());
                // the spacing exception: 24-pixel circles on each target's centre do not meet
                assertThat(distance).as("link %d to link %d", i, j).isGreaterThanOrEqualTo(24);
            }
        }
    }

    @Test
    void theEditionSwitchAndAStorysTagsAreTargetsOfTwentyFourPixels() {
        browser = Browser.start(false);
        browser.get(url("/"));
        Browser.follow(browser, By.cssSelector(".front .lead-headline a"));

        @SuppressWarnings("unchecked")
        var boxes = (List<Map<String, Object>>) browser.executeScript("""
                return [...document.querySelectorAll('a.edition-switch, ul.tags a')].map(a => {
                  const r = a.getBoundingClientRect();
                  return {text: a.textContent, w: r.width, h: r.height};
                });
                """);

        assertThat(boxes).hasSizeGreaterThan(1);
        assertThat(boxes)
                .allSatisfy(box -> assertThat(((Number) box.get("w")).doubleValue() >= 24
                                && ((Number) box.get("h")).doubleValue() >= 24)
                        .as("%s: %s × %s", box.get("text"), box.get("w"), box.get("h"))
                        .isTrue());
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** Relative luminance of a computed colour, {@code rgb(r, g, b)} or {@code rgba(r, g, b, a)}. */
    static double luminance(String colour) {
        String[] parts = colour.replaceAll("[^0-9.,]", "").split(",");
        double sum = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i]) / 255.0;
            sum += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return sum;
    }
}
