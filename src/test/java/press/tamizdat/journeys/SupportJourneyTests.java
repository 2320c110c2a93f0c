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
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A reader supports the outlet in test mode, in Debian's Chromium: from the appeal under a demo
 * article, Monthly, 5 USD, Continue (the guard is on, so the browser solves its puzzle first),
 * pays, reaches the thank-you page, finds the receipt in the outbox, opens "Manage my support" from
 * it and cancels; then asks to be reminded later, confirms from the mailed link, and gets the
 * reminder, its delay shortened.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tamizdat.demo=true",
            "tamizdat.support.guard.surge-starts=0",
            "tamizdat.support.guard.work-bits=10",
            "tamizdat.support.reminders.two-weeks=2s",
            "tamizdat.support.reminders.poll-interval=1s"
        })
class SupportJourneyTests {

    private static final Pattern CONFIRM_REMINDER =
            Pattern.compile("https?://\\S+(/support/remind/confirm\\?token=\\S+)");
    private static final Pattern MANAGE = Pattern.compile("https?://\\S+(/support/manage\\?token=\\S+)");

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
    void aReaderGivesMonthlyFromTheAppealGetsTheReceiptCancelsAndAsksToBeRemindedLater() {
        browser = Browser.start(true);
        var outbox = new TestOutbox(settings);
        String email = "journey-supporter@example.org";

        browser.get(url("/"));
        Browser.follow(browser, By.cssSelector("main a[href^='/en/']"));
        // the appeal under the article carries the form itself
        browser.findElement(By.cssSelector(".appeal-slot label[for=give-monthly]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot label[for=give-USD-monthly-500]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot .give-continue")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().contains("/support/test-checkout/"));
        assertThat(browser.findElement(By.cssSelector(".test-mode")).getText()).startsWith("TEST MODE");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("$5.00, every month.");
        browser.findElement(By.id("email")).sendKeys(email);
        Browser.follow(browser, By.cssSelector("button[value=succeed]"));

        Browser.arrivesAt(browser, "/support/thanks");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you!");

        var receipt = outbox.first(email);
        String text = TestOutbox.text(receipt);
        assertThat(text).contains("Amount: $5.00, every month");
        var link = MANAGE.matcher(text);
        assertThat(link.find()).isTrue();

        browser.get(url(link.group(1)));
        Browser.follow(browser, By.cssSelector("form[action='/support/manage'] button"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("$5.00, every month — active");
        Browser.follow(browser, By.cssSelector("form[action='/support/manage/cancel'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Your recurring support is cancelled. Nothing more will be charged.");

        browser.get(url("/support"));
        browser.findElement(By.cssSelector(".remind-later summary")).click();
        browser.findElement(By.id("remind-email")).sendKeys(email);
        browser.findElement(By.id("remind-two-weeks")).click();
        browser.findElement(By.id("remind-consent")).click();
        Browser.follow(browser, By.cssSelector(".remind-later button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Thank you. Check your inbox");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.to(email).stream()
                        .anyMatch(m -> TestOutbox.text(m).contains("/support/remind/confirm?token=")));
        var question = outbox.to(email).stream()
                .filter(m -> TestOutbox.text(m).contains("/support/remind/confirm?token="))
                .findFirst()
                .orElseThrow();
        var confirm = CONFIRM_REMINDER.matcher(TestOutbox.text(question));
        assertThat(confirm.find()).isTrue();
        browser.get(url(confirm.group(1)));
        Browser.follow(browser, By.cssSelector("form[action$='/confirm'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Thank you. We will write to you once");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox.to(email).stream()
                        .anyMatch(m -> TestOutbox.text(m).contains("This is the only reminder")));
    }
}
