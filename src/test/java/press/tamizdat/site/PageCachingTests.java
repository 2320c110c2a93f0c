package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import press.tamizdat.search.SearchIndexChanged;
import press.tamizdat.web.MirrorReads;
import press.tamizdat.web.PublicPaths;

/** Public pages carry CDN-ready cache headers, answer conditional requests, and change when an article does. */
@SpringBootTest
@AutoConfigureMockMvc
class PageCachingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void articlePageCarriesCacheHeadersForBrowsersAndCdns() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.EN, "Cache headers", "Body of a cached page.", List.of("cache"));
        String path = articles.path(id);

        mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("s-maxage=")))
                .andExpect(header().string(
                                "Cache-Control", org.hamcrest.Matchers.containsString("stale-while-revalidate=")))
                .andExpect(header().exists("ETag"))
                .andExpect(header().exists("Last-Modified"))
                .andExpect(header().string("Surrogate-Key", org.hamcrest.Matchers.containsString("article-" + id)))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")));
    }

    @Test
    void aMirrorHeaderFromOutsideDoesNotKeepAPageOutOfTheCache() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "Header from outside", "Body.", List.of()));
        var cache = context.getBean(PageCache.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cache.clear();
            mvc.perform(get(path).header(MirrorReads.HEADER, "1")).andExpect(status().isOk());

            assertThat(cache.get(path)).isPresent();
        });
    }

    @Test
    void parametersNoPageReadsShareTheCachedPage() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "Keyed by what it reads", "Body.", List.of()));
        var cache = context.getBean(PageCache.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cache.clear();
            mvc.perform(get(path + "?utm_source=x&cachebuster=" + UUID.randomUUID()))
                    .andExpect(status().isOk());

            assertThat(cache.get(path)).isPresent();
        });
        assertThat(cache.get("/search?q=keyed")).isEmpty();
        mvc.perform(get("/search?zz=1&q=keyed&aa=2")).andExpect(status().isOk());
        assertThat(cache.get("/search?q=keyed")).isPresent();
    }

    @Test
    void everyParameterAPublicPageReadsIsPartOfItsCacheKey() {
        var mappings = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        var read = new java.util.TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            boolean publicGet = info.getPatternValues().stream().noneMatch(p -> p.startsWith("/newsroom"))
                    && (info.getMethodsCondition().getMethods().isEmpty()
                            || info.getMethodsCondition().getMethods().contains(RequestMethod.GET));
            if (!publicGet) {
                return;
            }
            for (var parameter : method.getMethodParameters()) {
                var param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    read.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
                }
            }
        });

        assertThat(PublicPaths.PAGE_PARAMETERS).containsAll(read);
    }

    @Test
    void theMirrorsReadsAreServedButNotKept() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.EN, "Read by the mirror", "Body.", List.of("mirror"));
        String path = articles.path(id);
        var cache = context.getBean(PageCache.class);

        // tried again while the search index, catching up with the publication, empties the cache
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cache.clear();
            mvc.perform(get(path).header(MirrorReads.HEADER, MirrorReads.secret()))
                    .andExpect(status().isOk());
            boolean keptForTheMirror = cache.get(path).isPresent();
            mvc.perform(get(path)).andExpect(status().isOk());

            assertThat(keptForTheMirror).isFalse();
            assertThat(cache.get(path)).isPresent();
        });
    }

    @Test
    void answersNotModifiedToTheSameEtag() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "Etag", "Same body.", List.of()));
        String etag = mvc.perform(get(path)).andReturn().getResponse().getHeader("ETag");

        mvc.perform(get(path).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", etag));
    }

    @Test
    void answersNotModifiedSinceTheLastModifiedTime() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "Since", "Body.", List.of()));
        String lastModified = mvc.perform(get(path)).andReturn().getResponse().getHeader("Last-Modified");

        mvc.perform(get(path).header("If-Modified-Since", lastModified)).andExpect(status().isNotModified());
    }

    @Test
    void cachedPageKeepsItsSecurityHeaders() throws Exception {
        var articles = new TestArticles(context);
        String path = articles.path(articles.publish(Language.EN, "Hit", "Body.", List.of()));
        mvc.perform(get(path));

        mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Content-Security-Policy",
                                org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/html")));
    }

    @Test
    void editedArticleIsServedFreshAfterItsEvent() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.EN, "Fresh", "The first words.", List.of());
        String path = articles.path(id);
        String firstEtag = mvc.perform(get(path)).andReturn().getResponse().getHeader("ETag");

        articles.revise(id, "The corrected words.");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                mvc.perform(get(path)).andReturn().getResponse().getContentAsString())
                        .contains("The corrected words."));
        assertThat(mvc.perform(get(path)).andReturn().getResponse().getHeader("ETag"))
                .isNotEqualTo(firstEtag);
    }

    @Test
    void homePageShowsANewArticleAfterItsEvent() throws Exception {
        mvc.perform(get("/"));
        var articles = new TestArticles(context);

        articles.publish(Language.EN, "Breaking into the cached home page", "Body.", List.of());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                mvc.perform(get("/")).andReturn().getResponse().getContentAsString())
                        .contains("Breaking into the cached home page"));
    }

    @Test
    void searchResultsKeptBeforeTheIndexCaughtUpAreDroppedWhenItDoes() throws Exception {
        var cache = context.getBean(PageCache.class);
        String page = "/search?q=not-indexed-yet-" + UUID.randomUUID();
        // kept, once no other test's publication is still reaching the index
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            mvc.perform(get(page)).andExpect(status().isOk());
            assertThat(cache.get(page)).isPresent();
        });

        context.publishEvent(new SearchIndexChanged());

        assertThat(cache.get(page)).isEmpty();
    }

    @Test
    void newsroomIsNeverStored() throws Exception {
        mvc.perform(get("/newsroom/login"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
    }

    @Test
    void pageRenderedBeforeAClearIsNotStoredAfterIt() {
        var cache = context.getBean(PageCache.class);
        var before = cache.generation();
        var stale =
                new PageCache.Page(200, new byte[] {1}, null, "\"stale\"", java.time.Instant.now(), java.util.Map.of());

        cache.clear();
        cache.put("/race", stale, before);

        assertThat(cache.get("/race")).isEmpty();
    }

    @Test
    void resultsPageRenderedBeforeTheIndexChangedIsNotStoredAfterItWhileOtherPagesAre() {
        var cache = context.getBean(PageCache.class);
        var before = cache.generation();
        var page =
                new PageCache.Page(200, new byte[] {1}, null, "\"page\"", java.time.Instant.now(), java.util.Map.of());

        context.publishEvent(new SearchIndexChanged());
        cache.put("/search?q=race", page, before);
        cache.put("/race-article", page, before);

        assertThat(cache.get("/search?q=race")).isEmpty();
        assertThat(cache.get("/race-article")).isPresent();
    }
}
