package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The appeal under an article, in Debian's Chromium, with and without script: it carries the
 * contribution form itself (Monthly, $5, Continue reaches the test-mode checkout without another
 * page first), shows the chosen frequency's amounts, opens "Remind me later" in place, and keeps
 * quiet for its days once the reader hid it or gave — in the reader's browser only.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tamizdat.demo=true", "tamizdat.support.quiet.after-dismissal=7d"})
class AppealJourneyTests {

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void monthlyFiveDollarsFromTheAppealReachesTheCheckoutWithScript() {
        browser = Browser.start(true);

        givesMonthlyFiveDollarsFromAnArticle();
    }

    @Test
    void monthlyFiveDollarsFromTheAppealReachesTheCheckoutWithoutScript() {
        browser = Browser.start(false);

        givesMonthlyFiveDollarsFromAnArticle();
    }

    @Test
    void theFormWorksFromTheKeyboardAlone() {
        browser = Browser.start(true);
        openAnArticle();
        // the reader has tabbed to the frequency: its radios move with the arrow keys
        browser.executeScript("document.getElementById('give-once').focus()");

        active().sendKeys(Keys.ARROW_RIGHT);
        assertThat(active().getAttribute("id")).isEqualTo("give-monthly");
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id"))
                .as("the monthly amounts come next")
                .isEqualTo("give-USD-monthly-500");
        active().sendKeys(Keys.SPACE);
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("give-custom");
        active().sendKeys(Keys.ENTER);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().contains("/support/test-checkout/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("$5.00, every month.");
    }

    @Test
    void theChosenFrequencyShowsItsOwnAmounts() {
        browser = Browser.start(false);
        openAnArticle();

        appeal().findElement(By.cssSelector("label[for=give-annual]")).click();

        assertThat(appeal().findElement(By.cssSelector("label[for=give-USD-annual-5000]"))
                        .isDisplayed())
                .isTrue();
        assertThat(appeal().findElement(By.cssSelector("label[for=give-USD-monthly-500]"))
                        .isDisplayed())
                .isFalse();
        assertThat(appeal().findElement(By.cssSelector("label[for=give-EUR-annual-5000]"))
                        .isDisplayed())
                .as("another currency's amounts")
                .isFalse();
        assertThat(appeal().getText()).contains("Any amount from just $2.", "How to pay");
    }

    @Test
    void remindMeLaterOpensInPlace() {
        browser = Browser.start(true);
        openAnArticle();
        String article = browser.getCurrentUrl();
        assertThat(browser.findElement(By.id("remind-email")).isDisplayed()).isFalse();

        appeal().findElement(By.cssSelector(".remind-later summary")).click();

        assertThat(browser.findElement(By.id("remind-email")).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).isEqualTo(article);
    }

    @Test
    void aDismissedAppealAndBannerStayHiddenAcrossPagesUntilTheirDaysHavePassed() {
        browser = Browser.start(true);
        openAnArticle();

        appeal().findElement(By.cssSelector(".quiet-dismiss")).click();

        assertThat(appeal().isDisplayed()).isFalse();
        assertThat(banner().isDisplayed()).isFalse();
        long until =
                Long.parseLong((String) browser.executeScript("return localStorage.getItem('tamizdat.quiet-until')"));
        assertThat(Instant.ofEpochMilli(until))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(7)));
        openAnArticle();
        assertThat(appeal().isDisplayed()).as("on the next article").isFalse();
        assertThat(banner().isDisplayed()).isFalse();

        // seven days later, as far as this browser can tell
        browser.executeScript("localStorage.setItem('tamizdat.quiet-until', String(Date.now() - 1000))");
        browser.navigate().refresh();
        assertThat(appeal().isDisplayed()).isTrue();
        assertThat(banner().isDisplayed()).isTrue();
    }

    @Test
    void aContributionQuietsTheAppeal() {
        browser = Browser.start(true);
        browser.get(url("/support/thanks"));

        openAnArticle();

        assertThat(appeal().isDisplayed()).isFalse();
    }

    @Test
    void withoutScriptTheAppealAlwaysShowsAndOffersNoDismissal() {
        browser = Browser.start(false);
        openAnArticle();

        assertThat(appeal().isDisplayed()).isTrue();
        assertThat(appeal().findElement(By.cssSelector(".quiet-dismiss")).isDisplayed())
                .isFalse();
    }

    private void givesMonthlyFiveDollarsFromAnArticle() {
        openAnArticle();
        String article = browser.getCurrentUrl();

        appeal().findElement(By.cssSelector("label[for=give-monthly]")).click();
        appeal().findElement(By.cssSelector("label[for=give-USD-monthly-500]")).click();
        appeal().findElement(By.cssSelector(".give-continue")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().contains("/support/test-checkout/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("$5.00, every month.");
        assertThat(article).contains("/en/");
    }

    private void openAnArticle() {
        browser.get(url("/"));
        Browser.follow(browser, By.cssSelector("main a[href^='/en/']"));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private WebElement appeal() {
        return browser.findElement(By.cssSelector(".appeal-slot"));
    }

    private WebElement banner() {
        return browser.findElement(By.cssSelector(".support-slot"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
