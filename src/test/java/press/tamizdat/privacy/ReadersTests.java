package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import press.tamizdat.web.MirrorReads;

/** The simple rules that tell a person reading from a robot, and keep only a referrer's host. */
class ReadersTests {

    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0";

    static MockHttpServletRequest reading(String agent) {
        var request = new MockHttpServletRequest("GET", "/en/some-article");
        request.setServerName("outlet.example");
        if (agent != null) {
            request.addHeader("User-Agent", agent);
        }
        return request;
    }

    @Test
    void aBrowserReadingIsAPerson() {
        assertThat(Readers.isPerson(reading(FIREFOX))).isTrue();
    }

    @Test
    void readersInMessengersInAppBrowsersArePeople() {
        String telegram = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/126.0 Mobile Safari/537.36 Telegram-Android/11.2.3";

        assertThat(Readers.isPerson(reading(telegram))).isTrue();
    }

    @Test
    void crawlersScriptsAndLinkPreviewsAreNotPeople() {
        for (String agent : new String[] {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; YandexBot/3.0)",
            "curl/8.5.0",
            "python-requests/2.31",
            "facebookexternalhit/1.1",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
            "TelegramBot (like TwitterBot)",
            "WhatsApp/2.23.20.0 A",
            ""
        }) {
            assertThat(Readers.isPerson(reading(agent))).as(agent).isFalse();
        }
        assertThat(Readers.isPerson(reading(null))).isFalse();
    }

    @Test
    void prefetchesHeadRequestsAndTheMirrorsReadsAreNotReadings() {
        var prefetch = reading(FIREFOX);
        prefetch.addHeader("Sec-Purpose", "prefetch;prerender");
        var head = reading(FIREFOX);
        head.setMethod("HEAD");
        var mirror = reading(FIREFOX);
        mirror.setRemoteAddr("127.0.0.1");
        mirror.addHeader(MirrorReads.HEADER, MirrorReads.secret());

        assertThat(Readers.isPerson(prefetch)).isFalse();
        assertThat(Readers.isPerson(head)).isFalse();
        assertThat(Readers.isPerson(mirror)).isFalse();
    }

    @Test
    void aMirrorHeaderWithoutThisProcesssSecretOrFromElsewhereIsAReading() {
        var guessed = reading(FIREFOX);
        guessed.setRemoteAddr("127.0.0.1");
        guessed.addHeader(MirrorReads.HEADER, "1");
        var outside = reading(FIREFOX);
        outside.setRemoteAddr("198.51.100.7");
        outside.addHeader(MirrorReads.HEADER, MirrorReads.secret());

        assertThat(Readers.isPerson(guessed)).isTrue();
        assertThat(Readers.isPerson(outside)).isTrue();
    }

    @Test
    void keepsOnlyTheHostOfAnotherSite() {
        var request = reading(FIREFOX);
        request.addHeader("Referer", "https://www.News.Example.com/inbox/message/8812?user=alice");

        assertThat(Readers.referringHost(request)).isEqualTo("news.example.com");
    }

    @Test
    void ourOwnPagesAndUnreadableReferrersGiveNoHost() {
        var own = reading(FIREFOX);
        own.addHeader("Referer", "https://www.outlet.example/en/other");
        var broken = reading(FIREFOX);
        broken.addHeader("Referer", "not a url at all %%");
        var ip = reading(FIREFOX);
        ip.addHeader("Referer", "http://[2001:db8::1]/x");
        var ipv4 = reading(FIREFOX);
        ipv4.addHeader("Referer", "http://192.168.1.20:8080/router");
        var intranet = reading(FIREFOX);
        intranet.addHeader("Referer", "https://portal.ministry.internal/news");
        var dotless = reading(FIREFOX);
        dotless.addHeader("Referer", "http://intranet/start");

        assertThat(Readers.referringHost(own)).isNull();
        assertThat(Readers.referringHost(broken)).isNull();
        assertThat(Readers.referringHost(ip)).isNull();
        assertThat(Readers.referringHost(ipv4)).isNull();
        assertThat(Readers.referringHost(intranet)).isNull();
        assertThat(Readers.referringHost(dotless)).isNull();
        assertThat(Readers.referringHost(reading(FIREFOX))).isNull();
    }
}
