package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import press.tamizdat.DatabaseScan;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.web.MirrorReads;

/**
 * Readings are counted per article and day from the pages people's browsers are given, cached or
 * not, and from nothing else; the database ends up with counts and referring hosts, never an
 * address, a browser or an identifier; "Most read" and the newsroom's view come from the counts.
 */
@SpringBootTest(properties = {"spring.application.name=tamizdat-privacy", "tamizdat.demo=true"})
@AutoConfigureMockMvc
class ReadingCountsTests {

    static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ProbeAgent/7.3";

    @Autowired
    MockMvc mvc;

    @Autowired
    PageViews views;

    @Autowired
    ArticleCards articles;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts accounts;

    ArticleCard article(int index) {
        return articles.latest(12).get(index);
    }

    MockHttpServletRequestBuilder reading(String path) {
        return get(path).header("User-Agent", BROWSER).with(request -> {
            request.setRemoteAddr("198.51.100.23");
            return request;
        });
    }

    long readings(long article) {
        views.write();
        return db.sql("SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = :id")
                .param("id", article)
                .query(Long.class)
                .single();
    }

    @Test
    void countsEveryPageABrowserIsGivenWhetherRenderedOrCached() throws Exception {
        var card = article(0);
        long before = readings(card.id());

        mvc.perform(reading(card.path()));
        mvc.perform(reading(card.path()));
        mvc.perform(reading("/lite" + card.path()));

        assertThat(readings(card.id())).isEqualTo(before + 3);
    }

    @Test
    void robotsPrefetchesTheMirrorAndRevalidatedReloadsAreNotCounted() throws Exception {
        var card = article(1);
        String etag =
                mvc.perform(reading(card.path())).andReturn().getResponse().getHeader("ETag");
        long before = readings(card.id());

        mvc.perform(get(card.path()).header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"));
        mvc.perform(get(card.path()).header("User-Agent", "curl/8.5.0"));
        mvc.perform(get(card.path()));
        mvc.perform(reading(card.path()).header("Sec-Purpose", "prefetch"));
        mvc.perform(reading(card.path())
                .header(MirrorReads.HEADER, MirrorReads.secret())
                .with(request -> {
                    request.setRemoteAddr("127.0.0.1");
                    return request;
                }));
        mvc.perform(head(card.path()).header("User-Agent", BROWSER));
        var reload = mvc.perform(reading(card.path()).header("If-None-Match", etag))
                .andReturn()
                .getResponse();

        assertThat(reload.getStatus()).isEqualTo(304);
        assertThat(readings(card.id())).isEqualTo(before);
    }

    @Test
    void aMirrorHeaderFromOutsideDoesNotSwitchOffCounting() throws Exception {
        var card = article(2);
        long before = readings(card.id());

        mvc.perform(reading(card.path()).header(MirrorReads.HEADER, "1"));
        mvc.perform(reading(card.path())
                .header(MirrorReads.HEADER, MirrorReads.secret())
                .with(request -> {
                    request.setRemoteAddr("203.0.113.9");
                    return request;
                }));

        assertThat(readings(card.id())).isEqualTo(before + 2);
    }

    @Test
    void pagesThatAreNotArticlesAndMissingArticlesAreNotCounted() throws Exception {
        views.write();
        long before = db.sql("SELECT COALESCE(SUM(views), 0) FROM article_views")
                .query(Long.class)
                .single();

        mvc.perform(reading("/"));
        mvc.perform(reading("/en/no-such-article-here"));
        mvc.perform(reading("/mirrors"));
        views.write();

        assertThat(db.sql("SELECT COALESCE(SUM(views), 0) FROM article_views")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void keepsTheReferringSitesHostAndNothingOfItsAddress() throws Exception {
        var card = article(2);

        mvc.perform(reading(card.path()).header("Referer", "https://www.mail.example.net/inbox/8812?user=alice"));
        views.write();

        assertThat(db.sql("SELECT host FROM referrer_views WHERE article_id = :id")
                        .param("id", card.id())
                        .query(String.class)
                        .list())
                .contains("mail.example.net")
                .allSatisfy(host -> assertThat(host).doesNotContain("/", "?", "www."));
        assertThat(DatabaseScan.columnsContaining(db, "alice")).isEmpty();
        assertThat(DatabaseScan.columnsContaining(db, "inbox/8812")).isEmpty();
    }

    @Test
    void afterManyReadingsTheDatabaseHoldsNoAddressAgentOrIdentifier() throws Exception {
        for (int i = 0; i < 12; i++) {
            var response = mvc.perform(reading(article(i % 4).path())
                            .header("X-Forwarded-For", "203.0.113.99")
                            .header("Referer", "https://search.example.org/?q=reader")
                            .cookie(new Cookie("reader", "c0ffee-7781")))
                    .andReturn()
                    .getResponse();
            assertThat(response.getCookies()).as("no cookie is set on a reader").isEmpty();
            assertThat(response.getHeader("Set-Cookie")).isNull();
        }
        views.write();

        for (String trace : List.of("198.51.100.23", "203.0.113.99", "ProbeAgent", "Firefox/128", "c0ffee-7781")) {
            assertThat(DatabaseScan.columnsContaining(db, trace)).as(trace).isEmpty();
        }
        // the counts have no column that could hold an identifier, now or after a careless change
        assertThat(DatabaseScan.columns(db, "article_views")).containsExactly("read_on", "article_id", "views");
        assertThat(DatabaseScan.columns(db, "referrer_views"))
                .containsExactly("read_on", "article_id", "host", "views");
    }

    @Test
    void theMostReadArticlesLeadTheHomePagesList() throws Exception {
        var card = article(5);
        for (int i = 0; i < 40; i++) {
            mvc.perform(reading(card.path()));
        }
        views.write();

        // a page address the cache has not seen (the cache keys on the parameters pages read, and
        // the home page ignores this one), so the home page is rendered with today's counts
        var home = Jsoup.parse(mvc.perform(get("/?q=" + UUID.randomUUID()))
                .andReturn()
                .getResponse()
                .getContentAsString());

        var mostRead = home.select(".most-read li a");
        assertThat(mostRead).isNotEmpty();
        assertThat(mostRead.first().attr("href")).isEqualTo(card.path());
    }

    @Test
    void editorsSeeReadingsPerArticleSectionAndReferringSite() throws Exception {
        var card = article(3);
        for (int i = 0; i < 5; i++) {
            mvc.perform(reading(card.path()).header("Referer", "https://forum.example.com/thread/" + i));
        }
        mvc.perform(reading(card.path()).header("Referer", "https://junk-once.example/"));
        views.write();
        String email = "readership-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Readership Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        var page = Jsoup.parse(mvc.perform(get("/newsroom/readership?days=7").session(editor))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(page.select("#most-read td a").eachText()).contains(card.headline());
        assertThat(page.select("#sections td").eachText()).contains(card.sectionName());
        assertThat(page.select("#referrers td").eachText())
                .contains("forum.example.com")
                .as("one spoofed Referer, under the minimum of five")
                .doesNotContain("junk-once.example");
        assertThat(page.select("svg rect")).hasSize(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(views.days(today, today))
                .anySatisfy(day -> assertThat(day.article()).isEqualTo(card.id()));
    }
}
