package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ways to pay under an article, in Debian's Chromium, on a site with no payment service
 * configured: the test mode stands in for card, PayPal, Bitcoin and bank transfer; each shows our
 * own mark and, once chosen, what it reveals about the reader; each takes a contribution through.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tamizdat.demo=true"})
class PaymentMethodsJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAppealOffersFourWaysToPayEachWithOurOwnMark() {
        browser = Browser.start(true);
        openAnArticle();

        var labels = appeal().findElements(By.cssSelector(".pay-methods label"));

        assertThat(labels)
                .extracting(WebElement::getText)
                .containsExactly("Card", "PayPal", "Bitcoin", "Bank transfer");
        assertThat(appeal().findElements(By.cssSelector(".pay-methods img")))
                .extracting(img -> img.getAttribute("src"))
                .allSatisfy(src -> assertThat(src).startsWith("http://127.0.0.1:" + port + "/assets/pay/"))
                .hasSize(4);
        assertThat(
                        (Boolean)
                                browser.executeScript(
                                        "return [...document.querySelectorAll('.pay-methods img')].every(i => i.complete && i.naturalWidth > 0)"))
                .as("every mark loads from this site")
                .isTrue();
    }

    @Test
    void onlyTheChosenWayToPaySaysWhatItReveals() {
        browser = Browser.start(true);
        openAnArticle();
        assertThat(privacy("card").isDisplayed()).as("card is chosen first").isTrue();

        appeal().findElement(By.cssSelector("label[for=give-pay-paypal]")).click();

        assertThat(privacy("paypal").isDisplayed()).isTrue();
        assertThat(privacy("paypal").getText()).contains("PayPal sees your PayPal account");
        assertThat(privacy("card").isDisplayed()).isFalse();
        assertThat(privacy("crypto").isDisplayed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"card, Card", "paypal, PayPal", "crypto, Bitcoin", "bank, Bank transfer"})
    void monthlyFiveDollarsGoesThroughEachWayToPay(String method, String name) {
        browser = Browser.start(false);
        openAnArticle();

        appeal().findElement(By.cssSelector("label[for=give-monthly]")).click();
        appeal().findElement(By.cssSelector("label[for=give-USD-monthly-500]")).click();
        appeal().findElement(By.cssSelector("label[for=give-pay-" + method + "]"))
                .click();
        appeal().findElement(By.cssSelector(".give-continue")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().contains("/support/test-checkout/"));
        String reference = browser.getCurrentUrl().replaceAll(".*/test-checkout/", "");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("$5.00, every month.", "Standing in for: " + name);
        browser.findElement(By.id("email")).sendKeys(method + "@example.org");
        browser.findElement(By.cssSelector("button[value=succeed]")).click();

        Browser.arrivesAt(browser, "/support/thanks");
        assertThat(db.sql("SELECT method FROM checkout WHERE reference = :reference AND status = 'COMPLETED'")
                        .param("reference", reference)
                        .query(String.class)
                        .optional())
                .contains(method);
        assertThat(db.sql("SELECT COUNT(*) FROM contribution WHERE checkout_reference = :reference")
                        .param("reference", reference)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    private WebElement privacy(String method) {
        return appeal().findElement(By.id("give-privacy-" + method));
    }

    private void openAnArticle() {
        browser.get("http://127.0.0.1:" + port + "/");
        Browser.follow(browser, By.cssSelector("main a[href^='/en/']"));
    }

    private WebElement appeal() {
        return browser.findElement(By.cssSelector(".appeal-slot"));
    }
}
