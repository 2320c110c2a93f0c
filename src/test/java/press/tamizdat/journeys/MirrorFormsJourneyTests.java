package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A reader where the site is blocked: the static mirror, served by a plain file server on another
 * port, in Debian's Chromium. From a mirrored article the reader starts a contribution and
 * subscribes to the newsletter; the forms post to the live forms address (this application), which
 * answers — the test-mode checkout, the confirmation mail.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.application.name=tamizdat-mirror-forms",
            "tamizdat.demo=true",
            "tamizdat.reach.mirror.enabled=true",
            "tamizdat.site.url=https://tamizdat.example"
        })
class MirrorFormsJourneyTests {

    static final int LIVE = freePort();

    @DynamicPropertySource
    static void live(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> LIVE);
        properties.add("tamizdat.site.forms-url", () -> "http://127.0.0.1:" + LIVE);
    }

    @Autowired
    Environment environment;

    @Autowired
    TamizdatSettings settings;

    HttpServer mirror;
    ChromeDriver browser;

    @BeforeEach
    void serveTheMirrorOnAnotherPort() throws IOException {
        Path folder = Path.of(environment.getRequiredProperty("tamizdat.reach.mirror.folder"));
        // the mirror's job writes the copy soon after start-up, and again once the demo articles are in
        Path home = folder.resolve("index.html");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> Files.exists(home) && Files.readString(home).contains("href=\"en/"));
        mirror = SimpleFileServer.createFileServer(
                new InetSocketAddress("127.0.0.1", 0), folder.toAbsolutePath(), SimpleFileServer.OutputLevel.NONE);
        mirror.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        mirror.stop(0);
    }

    @Test
    void fromAMirroredArticleAReaderStartsAContributionTheLiveSiteAnswers() {
        browser = Browser.start(true);
        openAMirroredArticle();

        browser.findElement(By.cssSelector(".appeal-slot label[for=give-monthly]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot label[for=give-USD-monthly-500]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot .give-continue")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        browser.getCurrentUrl().startsWith("http://127.0.0.1:" + LIVE + "/support/test-checkout/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("$5.00, every month.");
    }

    @Test
    void fromAMirroredArticleAReaderSubscribesAndGetsTheConfirmationMail() {
        browser = Browser.start(false);
        openAMirroredArticle();
        String email = "mirror-reader@example.org";

        browser.findElement(By.id("slot-email")).sendKeys(email);
        browser.findElement(By.cssSelector(".newsletter-slot button[type=submit]"))
                .click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().startsWith("http://127.0.0.1:" + LIVE + "/newsletter"));
        var outbox = new TestOutbox(settings);
        await().atMost(Duration.ofSeconds(20)).until(() -> !outbox.to(email).isEmpty());
        assertThat(TestOutbox.text(outbox.first(email))).contains("/newsletter/confirm");
    }

    private void openAMirroredArticle() {
        String base = "http://127.0.0.1:" + mirror.getAddress().getPort() + "/";
        browser.get(base + "index.html");
        Browser.follow(browser, By.cssSelector("main a[href*='en/']"));
        assertThat(browser.getCurrentUrl()).startsWith(base).contains("/en/");
        assertThat(browser.findElement(By.cssSelector(".appeal-slot form.give")).getAttribute("action"))
                .isEqualTo("http://127.0.0.1:" + LIVE + "/support");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
