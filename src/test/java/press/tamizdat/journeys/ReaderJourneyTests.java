package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reader on the demo site, in Debian's Chromium with script on and off: reads in both languages,
 * follows "Read more", searches, finds the feed, and meets the video only when asking for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class ReaderJourneyTests {

    @LocalServerPort
    int port;

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

    void readsInBothLanguagesFollowsReadMoreSearchesAndFindsTheFeed() {
        browser.get(url("/"));
        // the English edition's front page has no Russian story; the switcher leads to the Russian edition
        assertThat(Browser.now(browser, By.partialLinkText("Маренск закрыл"))).isEmpty();
        Browser.follow(browser, By.cssSelector("a.edition-switch"));
        Browser.arrivesAt(browser, "/ru");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(browser.findElement(By.cssSelector("a.edition-switch")).getText())
                .isEqualTo("English");
        Browser.follow(browser, By.partialLinkText("Маренск закрыл"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(browser.findElement(By.cssSelector(".support-slot a")).getText())
                .startsWith("Поддержите");

        String article = browser.getCurrentUrl();
        Browser.follow(browser, By.cssSelector(".read-more article.card .card-headline a"));
        assertThat(browser.getCurrentUrl()).isNotEqualTo(article);
        assertThat(browser.findElements(By.cssSelector("article.story h1"))).hasSize(1);

        browser.get(url("/search"));
        browser.findElement(By.id("search-q")).sendKeys("типография");
        Browser.follow(browser, By.cssSelector("form[role=search] button"));
        assertThat(browser.findElement(By.cssSelector("ol.results a")).getText())
                .contains("типографию");
        assertThat(browser.findElement(By.cssSelector("ol.results mark")).getText())
                .isEqualToIgnoringCase("типографию");

        Browser.follow(browser, By.cssSelector("footer a[href='/rss.xml']"));
        // Chromium shows a feed as its XML source
        Browser.arrivesAt(browser, "/rss.xml");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("<rss", "Marensk");
    }

    void openVideoArticle() {
        browser.get(url("/"));
        Browser.follow(browser, By.partialLinkText("exile film club"));
        browser.findElement(By.cssSelector(".embed-load"));
        assertThat(Browser.now(browser, By.tagName("iframe"))).isEmpty();
    }

    @Test
    void readerWithScriptGetsTheVideoOnlyAfterClicking() {
        browser = Browser.start(true);
        readsInBothLanguagesFollowsReadMoreSearchesAndFindsTheFeed();
        openVideoArticle();

        browser.findElement(By.cssSelector(".embed-load")).click();

        var frame = browser.findElement(By.cssSelector("figure.embed iframe"));
        assertThat(frame.getAttribute("src")).startsWith("https://www.youtube-nocookie.com/embed/");
        assertThat(browser.findElement(By.cssSelector("figure.embed .credit")).getText())
                .isEqualTo("Video: @BlenderStudio");
    }

    @Test
    void readerWithoutScriptReadsEverythingAndGetsAPlainLinkToTheVideo() {
        browser = Browser.start(false);
        readsInBothLanguagesFollowsReadMoreSearchesAndFindsTheFeed();
        openVideoArticle();

        var link = browser.findElement(By.cssSelector(".embed-load"));
        assertThat(link.getAttribute("href")).startsWith("https://www.youtube.com/watch?v=");
        assertThat(Browser.now(browser, By.tagName("iframe"))).isEmpty();
    }
}
