package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A reader of the demo site in Debian's Chromium switches to the Russian edition, reads a Russian
 * story, subscribes to the Russian weekly from the block under it, gets the confirmation in
 * Russian, confirms on a Russian page and is welcomed in Russian, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class RussianEditionJourneyTests {

    private static final Pattern CONFIRM = Pattern.compile("https?://\\S+(/newsletter/confirm\\?token=\\S+)");

    @LocalServerPort
    int port;

    @Autowired
    TamizdatSettings settings;

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
    void aReaderSwitchesToRussianReadsFollowsARussianTagSubscribesToTheRussianWeeklyAndIsWelcomedInRussian() {
        browser = Browser.start(true);
        var outbox = new TestOutbox(settings);
        String email = "ru-reader-" + UUID.randomUUID() + "@example.org";

        browser.get(url("/"));
        Browser.follow(browser, By.cssSelector("a.edition-switch"));
        Browser.arrivesAt(browser, "/ru");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(browser.findElement(By.cssSelector(".site-nav")).getText()).contains("Новости");
        Browser.follow(browser, By.cssSelector(".front .lead-headline a"));
        assertThat(browser.getCurrentUrl()).contains("/ru/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        String story = browser.getCurrentUrl().substring(url("").length());

        // the story's tags carry their Russian names and lead to the Russian edition's tag pages
        var tags = browser.findElements(By.cssSelector("ul.tags a"));
        assertThat(tags)
                .isNotEmpty()
                .anySatisfy(tag -> assertThat(tag.getText()).containsPattern("[А-Яа-яЁё]"))
                // the demo's stories are tagged in English words; none shows as written
                .noneSatisfy(tag -> assertThat(tag.getText())
                        .isIn("press freedom", "censorship", "exile", "culture", "courts", "elections", "economy"));
        String tagName = tags.getFirst().getText();
        Browser.follow(browser, By.cssSelector("ul.tags a"));
        assertThat(browser.getCurrentUrl()).contains("/ru/tag/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Тег: " + tagName);
        Browser.follow(browser, By.cssSelector(".card-headline a[href='" + story + "']"));

        var slot = browser.findElement(By.cssSelector(".newsletter-slot"));
        assertThat(slot.findElement(By.tagName("h2")).getText()).isEqualTo("Неделя");
        slot.findElement(By.id("slot-email")).sendKeys(email);
        Browser.follow(browser, By.cssSelector(".newsletter-slot button[type=submit]"));
        Browser.arrivesAt(browser, "/ru/newsletter/check-your-inbox");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");

        var confirmation = outbox.first(email);
        String text = TestOutbox.text(confirmation);
        assertThat(TestOutbox.subject(confirmation)).contains("Неделя");
        var link = CONFIRM.matcher(text);
        assertThat(link.find()).as("a confirmation link in:\n" + text).isTrue();
        browser.get(url(link.group(1)));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        Browser.follow(browser, By.cssSelector("form[action='/newsletter/confirm'] button"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Неделя");

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.to(email).size() == 2);
        var welcome = outbox.to(email).get(1);
        assertThat(TestOutbox.subject(welcome)).isEqualTo("Добро пожаловать в «Неделю»");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> outbox.to(email).size() == 2);
    }
}
