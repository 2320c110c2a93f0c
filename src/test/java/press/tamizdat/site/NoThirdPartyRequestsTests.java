package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.TestArticles;

/**
 * Not one request from a public page to another host: every page type of the demo site is parsed
 * and everything a browser would load without being asked — scripts, styles, images, frames,
 * media, fonts in our CSS — must come from our own origin.
 */
@SpringBootTest(properties = "tamizdat.demo=true")
@AutoConfigureMockMvc
class NoThirdPartyRequestsTests {

    /** Elements and attributes that make a browser fetch something on its own. */
    static final List<String[]> LOADS = List.of(
            new String[] {"img", "src"},
            new String[] {"img", "srcset"},
            new String[] {"script", "src"},
            new String[] {"iframe", "src"},
            new String[] {"frame", "src"},
            new String[] {"source", "src"},
            new String[] {"source", "srcset"},
            new String[] {"video", "src"},
            new String[] {"video", "poster"},
            new String[] {"audio", "src"},
            new String[] {"object", "data"},
            new String[] {"embed", "src"},
            new String[] {"input", "src"},
            new String[] {"track", "src"});

    /** Link relations that fetch (stylesheets, icons, preloads); canonical and alternate only name an address. */
    static final Set<String> FETCHING_RELS = Set.of(
            "stylesheet",
            "icon",
            "preload",
            "prefetch",
            "preconnect",
            "dns-prefetch",
            "modulepreload",
            "manifest",
            "apple-touch-icon",
            "import");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    ArticleCards articles;

    List<String> pageTypes() {
        var paths = new ArrayList<String>(
                List.of("/", "/section/news", "/search?q=marensk", "/support", "/no-such-page", "/newsroom/login"));
        List<ArticleCard> latest = articles.latest(100);
        latest.forEach(card -> paths.add(card.path()));
        paths.add("/tag/exile");
        paths.add("/author/" + "petra-lind");
        var test = new TestArticles(context);
        long gone = test.publish(Language.EN, "Withdrawn", "Body.", List.of());
        String gonePath = test.path(gone);
        test.unpublish(gone);
        paths.add(gonePath);
        return paths;
    }

    @Test
    void everyPageTypeLoadsOnlyFromOurOrigin() throws Exception {
        for (String path : pageTypes()) {
            var response = mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                    .andReturn()
                    .getResponse();
            Document page = Jsoup.parse(response.getContentAsString());
            assertThat(foreignLoads(page))
                    .as("foreign loads on %s (%d)", path, response.getStatus())
                    .isEmpty();
        }
    }

    @Test
    void ourStylesAndScriptsFetchNothingElsewhere() throws Exception {
        for (String asset :
                List.of("/assets/site.css", "/assets/site.js", "/assets/newsroom.css", "/assets/newsroom.js")) {
            String text = mvc.perform(get(asset)).andReturn().getResponse().getContentAsString();
            assertThat(text).as(asset).doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//");
            assertThat(text).as(asset).doesNotContainPattern("(?i)@import");
            assertThat(text).as(asset).doesNotContainPattern("(?i)fetch\\(\\s*['\"](https?:)?//");
        }
    }

    static List<String> foreignLoads(Document page) {
        var foreign = new ArrayList<String>();
        for (String[] load : LOADS) {
            for (var element : page.select(load[0] + "[" + load[1] + "]")) {
                for (String url : urls(element.attr(load[1]), load[1].equals("srcset"))) {
                    if (!isOurs(url)) {
                        foreign.add(load[0] + " " + url);
                    }
                }
            }
        }
        for (var link : page.select("link[href]")) {
            boolean fetches = Set.of(link.attr("rel").toLowerCase().split("\\s+")).stream()
                    .anyMatch(FETCHING_RELS::contains);
            if (fetches && !isOurs(link.attr("href"))) {
                foreign.add("link " + link.attr("href"));
            }
        }
        page.select("[style]").forEach(element -> foreign.add("inline style " + element.attr("style")));
        page.select("meta[http-equiv=refresh]").forEach(meta -> foreign.add("refresh " + meta.attr("content")));
        return foreign;
    }

    static List<String> urls(String value, boolean srcset) {
        if (!srcset) {
            return List.of(value.strip());
        }
        return List.of(value.split(",")).stream()
                .map(c -> c.strip().split("\\s+")[0])
                .toList();
    }

    static boolean isOurs(String url) {
        return (url.startsWith("/") && !url.startsWith("//")) || url.startsWith("data:image/");
    }
}
