package press.tamizdat.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Continue hands the reader over to the provider's checkout on another origin, in Debian's
 * Chromium, which applies the page's CSP {@code form-action} to the redirect after the form post.
 * The real Stripe client talks to a WireMock server standing in for Stripe's API, whose session
 * points at a stand-in checkout page on a second origin (the WireMock server's own port).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tamizdat.demo=true", "tamizdat.support.stripe.webhook-secret=whsec_journey"})
class CheckoutElsewhereJourneyTests {

    static final WireMockServer stripe = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.support.stripe.secret-key", () -> "sk_test_journey");
        properties.add("tamizdat.support.stripe.api-base", stripe::baseUrl);
        properties.add("tamizdat.support.stripe.checkout-origin", stripe::baseUrl);
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

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
    void continueInTheAppealTakesTheReaderToStripesCheckoutOnItsOwnOrigin() {
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id": "cs_test_journey", "object": "checkout.session",
                                 "url": "%s/c/pay/cs_test_journey"}
                                """.formatted(stripe.baseUrl()))));
        stripe.stubFor(get(urlEqualTo("/c/pay/cs_test_journey"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<!doctype html><title>Checkout</title><h1>Stand-in checkout</h1>")));
        browser = Browser.start(true);

        browser.get("http://127.0.0.1:" + port + "/");
        Browser.follow(browser, By.cssSelector("main a[href^='/en/']"));
        browser.findElement(By.cssSelector(".appeal-slot label[for=give-monthly]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot label[for=give-USD-monthly-500]"))
                .click();
        browser.findElement(By.cssSelector(".appeal-slot .give-continue")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().startsWith(stripe.baseUrl() + "/c/pay/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Stand-in checkout");
    }
}
