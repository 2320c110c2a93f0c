package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import press.tamizdat.newsroom.TotpCodes;
import press.tamizdat.publishing.TestPictures;

/**
 * The first day of a newcomer, in a real browser: the demo site, the first sign-in with the
 * printed one-time password, a new article with a photo, scheduled, and live at its time.
 */
// an application of its own (the second property sets it apart from other tests' cached ones): the
// one-time password is printed once, when the application starts, and this test's output capture
// must be there to read it
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tamizdat.demo=true", "spring.application.name=tamizdat-newcomer"})
class NewcomerJourneyTests {

    static final Pattern ONE_TIME = Pattern.compile("one-time password:\\s+(\\S+)");

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

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
    void newcomerSignsInWritesAPhotoArticleAndSeesItGoLiveAtItsTime(CapturedOutput output, @TempDir Path folder)
            throws Exception {
        browser.get(url("/"));
        assertThat(browser.findElements(By.cssSelector("article.card"))).hasSizeGreaterThanOrEqualTo(12);

        var matcher = ONE_TIME.matcher(output.getAll());
        assertThat(matcher.find())
                .as("the one-time password is printed at start")
                .isTrue();
        browser.get(url("/newsroom"));
        browser.findElement(By.id("email")).sendKeys("admin@tamizdat.local");
        browser.findElement(By.id("password")).sendKeys(matcher.group(1));
        Browser.follow(browser, By.cssSelector("form button[type=submit]"));

        Browser.arrivesAt(browser, "/newsroom/password");
        browser.findElement(By.id("current")).sendKeys(matcher.group(1));
        browser.findElement(By.id("replacement")).sendKeys("a newsroom passphrase");
        browser.findElement(By.id("confirmation")).sendKeys("a newsroom passphrase");
        Browser.follow(browser, By.cssSelector("main form button[type=submit]"));

        // a second factor before anything else: here an authenticator app, its key read off the page
        Browser.arrivesAt(browser, "/newsroom/second-factor");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set up a second factor");
        Browser.follow(browser, By.linkText("Use an authenticator app"));
        String secret =
                browser.findElement(By.cssSelector("code.secret")).getText().replace(" ", "");
        browser.findElement(By.id("code")).sendKeys(TotpCodes.code(secret, TotpCodes.step(Instant.now())));
        Browser.follow(browser, By.cssSelector("main form button[type=submit]"));
        assertThat(browser.findElements(By.cssSelector("ul.recovery-codes li"))).hasSize(10);
        Browser.follow(browser, By.linkText("Continue to the newsroom"));
        Browser.arrivesAt(browser, "/newsroom/articles");

        Browser.follow(browser, By.linkText("New article"));
        browser.findElement(By.id("headline")).sendKeys("Night train to the border");
        browser.findElement(By.id("body")).sendKeys("The **last** train left at midnight.");
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        !Browser.now(browser, By.cssSelector("#preview strong")).isEmpty());
        Path photo = folder.resolve("train.jpg");
        Files.write(photo, TestPictures.phoneJpeg());
        browser.findElement(By.cssSelector("input[name=leadKind][value=photo]")).click();
        browser.findElement(By.id("leadPhoto")).sendKeys(photo.toString());
        browser.findElement(By.id("leadAlt")).sendKeys("A night train at a platform");
        browser.findElement(By.id("leadCredit")).sendKeys("Photo: Newsroom");
        // the newsroom schedules to the minute: take the next minute that is at least twenty seconds
        // away, time enough for the photo's upload and re-encoding on a busy machine
        LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC)
                .plusSeconds(20)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        setValue(
                browser,
                browser.findElement(By.id("publishAt")),
                at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        Browser.follow(browser, By.cssSelector("button[value=schedule]"));

        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("Scheduled.");
        browser.get(url("/"));
        assertThat(browser.getPageSource()).doesNotContain("Night train to the border");

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    // a reload asks the server again: the home page may sit in the browser's cache for max-age
                    browser.navigate().refresh();
                    return browser.getPageSource().contains("Night train to the border");
                });
        Browser.follow(browser, By.linkText("Night train to the border"));
        var image = browser.findElement(By.cssSelector("figure.lead img"));
        assertThat(image.getAttribute("alt")).isEqualTo("A night train at a platform");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", image))
                .isPositive();
        assertThat(browser.findElement(By.cssSelector(".article-body strong")).getText())
                .isEqualTo("last");
    }

    static void setValue(WebDriver browser, org.openqa.selenium.WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }
}
