package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/** Any public address typed with a trailing slash lands on the page, by one permanent redirect. */
@SpringBootTest
@AutoConfigureMockMvc
class TrailingSlashTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void aTrailingSlashIsRedirectedOnceToThePageThatAnswers() throws Exception {
        var articles = new TestArticles(context);
        String article = articles.path(articles.publish(Language.EN, "Slash story", "Body.", List.of()));

        for (String path : List.of(
                "/lite",
                "/section/news",
                "/support",
                "/newsletter",
                "/search",
                "/privacy",
                article,
                "/lite" + article)) {
            var response = mvc.perform(get(path + "/")).andReturn().getResponse();

            assertThat(response.getStatus()).as(path).isEqualTo(301);
            assertThat(response.getRedirectedUrl()).as(path).isEqualTo(path);
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void theQueryComesAlong() throws Exception {
        assertThat(mvc.perform(get("/section/news/?page=2"))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/section/news?page=2");
    }

    @Test
    void aDoubleSlashCannotBecomeALinkToAnotherSite() throws Exception {
        // as Tomcat hands it over: the request line's path, not an address with a host
        var doubled = get("/").with(request -> {
            request.setRequestURI("//other.example/");
            return request;
        });

        assertThat(mvc.perform(doubled).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/other.example");
        assertThat(mvc.perform(get("/section/news//")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/section/news");
    }
}
