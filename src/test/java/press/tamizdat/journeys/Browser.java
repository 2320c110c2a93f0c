package press.tamizdat.journeys;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven through its own chromedriver; nothing is downloaded. Without them the
 * journeys are skipped, unless TAMIZDAT_REQUIRE_BROWSER is set (CI sets it), when they fail.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {}

    static ChromeDriver start() {
        return start(true);
    }

    /** A browser with script on or off: every page must work without it. */
    static ChromeDriver start(boolean javascript) {
        return start(javascript, false);
    }

    /**
     * A browser with script on that also records every request it makes, even one that fails (this
     * machine reaches no other site): see {@link #requested}.
     */
    static ChromeDriver startRecordingRequests() {
        return start(true, true);
    }

    /** The addresses the browser asked for since the last call (its performance log's network events). */
    static java.util.List<String> requested(ChromeDriver browser) {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var urls = new java.util.ArrayList<String>();
        for (var entry : browser.manage().logs().get(org.openqa.selenium.logging.LogType.PERFORMANCE)) {
            var message = json.readTree(entry.getMessage()).path("message");
            if (message.path("method").asString("").equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asString(""));
            }
        }
        return urls;
    }

    private static ChromeDriver start(boolean javascript, boolean recordRequests) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("TAMIZDAT_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--lang=en");
        // the console, so a journey can see what a reader's developer tools would show (a 404, a CSP refusal)
        options.setCapability(
                "goog:loggingPrefs",
                recordRequests
                        ? java.util.Map.of("browser", "ALL", "performance", "ALL")
                        : java.util.Map.of("browser", "ALL"));
        if (!javascript) {
            options.setExperimentalOption(
                    "prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var browser = new ChromeDriver(service, options);
        // a click that submits a form can return before the next page is there: finding an element
        // waits for it (up to this long), so a busy machine does not turn into a failed journey
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }

    /** The elements {@code by} finds on the page as it is now, without waiting for one to appear. */
    static java.util.List<WebElement> now(ChromeDriver browser, By by) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return browser.findElements(by);
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        }
    }

    /**
     * Clicks what {@code by} finds and waits until the page it was on has gone. A click that submits
     * a form or follows a link can return before the next page replaces this one; reading right
     * after it could find the old page's heading, or an element that goes stale while it is read.
     */
    static void follow(ChromeDriver browser, By by) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(by).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> replaced(page));
    }

    /**
     * Whether the page {@code element} was found on has been replaced. Chromium answers a question
     * about the old page's element with "stale", or, when asked in the midst of the navigation, with
     * an error that the node does not belong to the document (Selenium's own staleness check lets
     * that error through, and a journey failed on it).
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException error) {
            if (String.valueOf(error.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw error;
        }
    }

    /** Waits for the navigation a click started to arrive at a URL ending with {@code path}. */
    static void arrivesAt(ChromeDriver browser, String path) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().endsWith(path));
    }
}
