package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A reader takes back their data, in Debian's Chromium without script: subscribes to the newsletter
 * and confirms, then follows "Your data" in the footer, asks for the link, opens it from the mail,
 * sees the subscription, and erases everything — first forgetting the box, then ticking it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class DataRightsJourneyTests {

    private static final Pattern CONFIRM = Pattern.compile("https?://\\S+(/newsletter/confirm\\?token=\\S+)");
    private static final Pattern MY_DATA = Pattern.compile("https?://\\S+(/privacy/my-data\\?token=\\S+)");

    @LocalServerPort
    int port;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    JdbcClient db;

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

    /** The link of this kind in a mail to {@code email}, waiting for that mail. */
    String linkIn(TestOutbox outbox, String email, Pattern link) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.to(email).stream()
                        .anyMatch(mail -> link.matcher(TestOutbox.text(mail)).find()));
        return outbox.to(email).stream()
                .map(mail -> link.matcher(TestOutbox.text(mail)))
                .filter(java.util.regex.Matcher::find)
                .findFirst()
                .orElseThrow()
                .group(1);
    }

    @Test
    void aReaderSubscribesThenSeesAndErasesEverythingHeldAboutTheirAddress() {
        browser = Browser.start(false);
        var outbox = new TestOutbox(settings);
        String email = "journey-reader@example.org";

        browser.get(url("/newsletter"));
        browser.findElement(By.id("signup-email")).sendKeys(email);
        Browser.follow(browser, By.cssSelector("form.signup-form button[type=submit]"));
        browser.get(url(linkIn(outbox, email, CONFIRM)));
        Browser.follow(browser, By.cssSelector("form[action='/newsletter/confirm'] button"));

        browser.get(url("/"));
        Browser.follow(browser, By.cssSelector("footer a[href='/privacy/my-data']"));
        browser.findElement(By.id("my-data-email")).sendKeys(email);
        Browser.follow(browser, By.cssSelector("form[action='/privacy/my-data/link'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("If we hold anything about this address");

        browser.get(url(linkIn(outbox, email, MY_DATA)));
        Browser.follow(browser, By.cssSelector("form[action='/privacy/my-data'] button"));
        assertThat(browser.findElement(By.id("held-newsletters")).getText()).contains("The Week: active");

        Browser.follow(browser, By.cssSelector("form[action='/privacy/my-data/erase'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .startsWith("Tick the box");
        browser.findElement(By.id("erase-confirm")).click();
        Browser.follow(browser, By.cssSelector("form[action='/privacy/my-data/erase'] button"));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Everything about your address has been erased");
        assertThat(db.sql("SELECT COUNT(*) FROM subscriber WHERE email = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
