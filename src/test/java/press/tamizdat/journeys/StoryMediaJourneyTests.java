package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * A story with two photos and a clip from each network the audience uses, read in Debian's
 * Chromium while its network log records every request: the photos come from us, and nothing is
 * asked of Telegram, VK, YouTube or Vimeo until the reader clicks that clip, which then loads only
 * its own player.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoryMediaJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

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

    /** Each network's line in the story, and the host its player is loaded from after the click. */
    static final Map<String, String> CLIPS = Map.of(
            "[embed https://t.me/outlet_news/4821]", "t.me",
            "[embed https://vk.com/video-22822305_456239018 | Video: @vkteam]", "vk.com",
            "[embed https://www.youtube.com/watch?v=aqz-KE-bpKQ | Video: @BlenderStudio]", "www.youtube-nocookie.com",
            "[embed https://vimeo.com/76979871 | Video: @vimeo]", "player.vimeo.com");

    @Test
    void nothingLoadsFromTheNetworksBeforeTheClickAndEachClickLoadsOnlyItsOwnPlayer() {
        var test = new TestArticles(context);
        String first = test.placedPhoto(1600, 900, "A crowd at dusk", "The square", "Photo: Ina Vos");
        String second = test.placedPhoto(900, 900, "An empty street", "", "");
        var lines = List.copyOf(CLIPS.keySet());
        long id = test.publish(
                Language.EN,
                "Clips in the story " + UUID.randomUUID(),
                "It began.\n\n" + first + "\n\n" + second + "\n\n" + String.join("\n\n", lines) + "\n",
                List.of());
        browser = Browser.startRecordingRequests();

        browser.get(url(test.path(id)));
        var photos = browser.findElements(By.cssSelector(".article-body figure.story-photo img"));
        assertThat(photos).hasSize(2);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> photos.stream()
                        .allMatch(img ->
                                ((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue()
                                        > 0));
        assertThat(Browser.requested(browser)).isNotEmpty().allMatch(address -> address.startsWith(url("/")));

        var embeds = browser.findElements(By.cssSelector(".article-body figure.story-embed"));
        assertThat(embeds).hasSize(4);
        for (var embed : embeds) {
            String player = embed.getAttribute("data-embed-src");
            String host = java.net.URI.create(player).getHost();
            assertThat(Browser.requested(browser))
                    .as("before the click on " + host)
                    .noneMatch(a -> a.contains(host));

            embed.findElement(By.cssSelector(".embed-load")).click();

            var frame = embed.findElement(By.tagName("iframe"));
            assertThat(frame.getAttribute("src")).isEqualTo(player);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(Browser.requested(browser))
                            .as("after the click on " + host)
                            .isNotEmpty()
                            .allMatch(address ->
                                    java.net.URI.create(address).getHost().equals(host)));
        }
        assertThat(browser.findElements(By.cssSelector("figure.story-embed .credit")).stream()
                        .map(credit -> credit.getText()))
                .containsExactlyInAnyOrder(
                        "Post: @outlet_news", "Video: @vkteam", "Video: @BlenderStudio", "Video: @vimeo");
    }
}
