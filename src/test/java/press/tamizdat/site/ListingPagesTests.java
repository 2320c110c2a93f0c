package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/** Section, tag and author pages with paging, and "Read more" under every article. */
@SpringBootTest
@AutoConfigureMockMvc
class ListingPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tagPagePagesThroughItsArticlesNewestFirst() throws Exception {
        var articles = new TestArticles(context);
        String tag = "paging " + unique();
        var paths = new ArrayList<String>();
        for (int i = 0; i < 23; i++) {
            paths.add(articles.path(articles.publish(Language.EN, "Tagged number " + i, "Body.", List.of(tag))));
        }
        String tagPath = "/tag/" + tag.replace(' ', '-');

        var first = page(tagPath);
        var second = page(tagPath + "?page=2");

        assertThat(first.select("article.card .card-headline a").eachAttr("href"))
                .hasSize(20)
                .first()
                .isEqualTo(paths.getLast());
        assertThat(second.select("article.card .card-headline a").eachAttr("href"))
                .hasSize(3)
                .last()
                .isEqualTo(paths.getFirst());
        assertThat(first.select("a[rel=next]").attr("href")).isEqualTo(tagPath + "?page=2");
        assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo(tagPath);
    }

    @Test
    void pageBeyondTheLastIsNotFound() throws Exception {
        var articles = new TestArticles(context);
        String tag = "short " + unique();
        articles.publish(Language.EN, "Only one", "Body.", List.of(tag));

        mvc.perform(get("/tag/" + tag.replace(' ', '-') + "?page=5").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
    }

    @Test
    void sectionPageListsOnlyItsSection() throws Exception {
        var articles = new TestArticles(context);
        String culture =
                articles.path(articles.publish(Language.EN, "In culture " + unique(), "Body.", List.of(), "culture"));
        String news = articles.path(articles.publish(Language.EN, "In news " + unique(), "Body.", List.of(), "news"));

        var links =
                page("/section/culture").select("article.card .card-headline a").eachAttr("href");

        assertThat(links).contains(culture).doesNotContain(news);
    }

    @Test
    void authorPageListsTheirArticlesAndBylinesLinkThere() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "By the test editor", "Body.", List.of()));

        String authorPath = page(path).select(".byline a").attr("href");

        assertThat(authorPath).isEqualTo("/author/test-editor");
        assertThat(page(authorPath).select("article.card .card-headline a").eachAttr("href"))
                .contains(path);
    }

    @Test
    void unknownSectionTagAndAuthorAreNotFound() throws Exception {
        for (String path : List.of("/section/nowhere", "/tag/never-used-" + unique(), "/author/nobody-" + unique())) {
            mvc.perform(get(path).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
        }
    }

    @Test
    void readMorePrefersSharedTagsThenSectionNeverTheArticleItselfOrTwice() throws Exception {
        var articles = new TestArticles(context);
        String tag = "related " + unique();
        String other = "other " + unique();
        long article = articles.publish(Language.EN, "The article", "Body.", List.of(tag, other), "analysis");
        String bothTags =
                articles.path(articles.publish(Language.EN, "Shares both", "Body.", List.of(tag, other), "news"));
        String oneTag = articles.path(articles.publish(Language.EN, "Shares one", "Body.", List.of(tag), "news"));
        String sameSection =
                articles.path(articles.publish(Language.EN, "Same section", "Body.", List.of(), "analysis"));

        var readMore = page(articles.path(article))
                .select(".read-more article.card .card-headline a")
                .eachAttr("href");

        assertThat(readMore).startsWith(bothTags, oneTag, sameSection);
        assertThat(readMore)
                .doesNotContain(articles.path(article))
                .doesNotHaveDuplicates()
                .hasSizeLessThanOrEqualTo(6);
        assertThat(page(articles.path(article)).select(".read-more .more a").attr("href"))
                .isEqualTo("/section/analysis");
    }

    @Test
    void homePageLeadsWithTheNewestArticleAndGroupsBySection() throws Exception {
        var articles = new TestArticles(context);
        String newest =
                articles.path(articles.publish(Language.EN, "Newest lead " + unique(), "Body.", List.of(), "features"));

        var home = page("/");

        assertThat(home.select(".lead-card h2 a").attr("href")).isEqualTo(newest);
        assertThat(home.select(".section-block .block-title a").eachAttr("href"))
                .contains("/section/features");
    }
}
