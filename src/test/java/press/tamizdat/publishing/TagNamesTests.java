package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import tools.jackson.databind.ObjectMapper;

/**
 * Tags in both languages, as readers and editors meet them: an editor names a tag in English and
 * Russian on the newsroom's tag list; each edition shows it under its own name, on articles, on
 * its page ({@code /tag/…}, {@code /ru/tag/…}, each listing its language's articles) and in feeds;
 * an article written with a tag's Russian name carries the same tag.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TagNamesTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    StaffAccounts staff;

    TestArticles articles;
    MockHttpSession editor;
    String marker;
    /** The words the English and Russian stories are tagged with; their slug is the tag. */
    String words;

    String tag;

    @BeforeEach
    void setUp() throws Exception {
        articles = new TestArticles(context);
        marker = UUID.randomUUID().toString().substring(0, 8);
        words = "sanctions " + marker;
        tag = Slugs.from(words);
        editor = signIn(Role.EDITOR);
    }

    MockHttpSession signIn(Role role) throws Exception {
        String email = "tags-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Tag " + role, role, PASSWORD, false);
        return NewsroomLogin.signIn(mvc, email, PASSWORD);
    }

    ResultActions name(String slug, String english, String russian) throws Exception {
        return mvc.perform(post("/newsroom/tags/" + slug)
                .session(editor)
                .with(csrf())
                .param("en", english)
                .param("ru", russian));
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    List<String> cards(Document page) {
        return page.select("article.card .card-headline a").eachAttr("href");
    }

    @Test
    void eachEditionShowsTheTagUnderItsOwnNameOnArticlesAndOnItsPage() throws Exception {
        String english =
                articles.path(articles.publish(Language.EN, "Sanctions bite " + marker, "Body.", List.of(words)));
        String russian =
                articles.path(articles.publish(Language.RU, "Санкции бьют " + marker, "Текст.", List.of(words)));
        assertThat(page(russian).select("ul.tags a").text()).as("before naming").isEqualTo(words);

        name(tag, "Sanctions " + marker, "Санкции " + marker)
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/newsroom/tags"));

        var onEnglish = page(english).select("ul.tags a");
        var onRussian = page(russian).select("ul.tags a");
        assertThat(onEnglish.text()).isEqualTo("Sanctions " + marker);
        assertThat(onEnglish.attr("href")).isEqualTo("/tag/" + tag);
        assertThat(onRussian.text()).isEqualTo("Санкции " + marker);
        assertThat(onRussian.attr("href")).isEqualTo("/ru/tag/" + tag);

        var russianPage = page("/ru/tag/" + tag);
        assertThat(russianPage.select("html").attr("lang")).isEqualTo("ru");
        assertThat(russianPage.select("h1").text()).isEqualTo("Тег: Санкции " + marker);
        assertThat(cards(russianPage)).containsExactly(russian);
        assertThat(russianPage.select("link[rel=alternate][hreflang]").eachAttr("hreflang"))
                .contains("en", "ru", "x-default");
        var englishPage = page("/tag/" + tag);
        assertThat(englishPage.select("h1").text()).isEqualTo("Tag: Sanctions " + marker);
        assertThat(cards(englishPage)).containsExactly(english);
    }

    @Test
    void anArticleWrittenWithTheTagsRussianNameCarriesTheTag() throws Exception {
        articles.publish(Language.EN, "Sanctions widen " + marker, "Body.", List.of(words));
        name(tag, "", "Санкции " + marker).andExpect(status().is3xxRedirection());

        String russian = articles.path(
                articles.publish(Language.RU, "Новые санкции " + marker, "Текст.", List.of("санкции " + marker)));

        assertThat(page(russian).select("ul.tags a").attr("href")).isEqualTo("/ru/tag/" + tag);
        assertThat(page(russian).select("ul.tags a").text()).isEqualTo("Санкции " + marker);
        assertThat(cards(page("/ru/tag/" + tag))).containsExactly(russian);
        // not a permanent move: the name may go to another tag
        mvc.perform(get("/ru/tag/" + Slugs.from("Санкции " + marker) + "?page=2"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "/ru/tag/" + tag + "?page=2"));
        mvc.perform(get("/en/tag/" + tag))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/tag/" + tag));
    }

    @Test
    void feedsAndTheContentApiCarryTheNameOfTheirLanguage() throws Exception {
        articles.publish(Language.EN, "Sanctions listed " + marker, "Body.", List.of(words));
        String russian =
                articles.path(articles.publish(Language.RU, "Санкции списком " + marker, "Текст.", List.of(words)));
        name(tag, "Sanctions " + marker, "Санкции " + marker).andExpect(status().is3xxRedirection());
        var json = new ObjectMapper();

        var russianFeed = json.readTree(
                mvc.perform(get("/ru/feed.json")).andReturn().getResponse().getContentAsString());
        var apiTags = json.readTree(mvc.perform(get(press.tamizdat.web.PublicPaths.API_TAGS))
                .andReturn()
                .getResponse()
                .getContentAsString());

        var russianDocument = json.readTree(mvc.perform(get(press.tamizdat.web.PublicPaths.API + "/articles" + russian))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(russianFeed.path("items").findValues("tags").toString()).contains("Санкции " + marker);
        assertThat(russianDocument.path("tags").path(0).path("name").asString()).isEqualTo("Санкции " + marker);
        assertThat(russianDocument.path("tags").path(0).path("path").asString()).isEqualTo("/ru/tag/" + tag);
        var listed = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        apiTags.path("tags").forEach(item -> {
            if (item.path("slug").asString().equals(tag)) {
                listed.add(item);
            }
        });
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().path("name").asString()).isEqualTo("Sanctions " + marker);
        assertThat(listed.getFirst().path("articles").asLong()).isEqualTo(2);
    }

    @Test
    void searchFindsAStoryByItsTagsNameInItsLanguage() throws Exception {
        String russian = articles.path(
                articles.publish(Language.RU, "Обзор недели " + marker, "Текст без тега.", List.of(words)));
        // a word of this test's own, in Cyrillic, that only the tag's Russian name has
        String word = "запрет"
                + marker.chars()
                        .mapToObj(c -> String.valueOf("абвгдежзийклмноп".charAt(Character.digit(c, 16))))
                        .collect(java.util.stream.Collectors.joining());

        name(tag, "", word).andExpect(status().is3xxRedirection());

        // the search index follows the change
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> Jsoup.parse(mvc.perform(get("/search").param("q", word))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .select("ol.results a")
                        .eachAttr("href")
                        .contains(russian));
    }

    @Test
    void aNameThatIsAlreadyAnotherTagsIsRefusedAndWhatWasTypedComesBack() throws Exception {
        articles.publish(Language.EN, "Sanctions again " + marker, "Body.", List.of(words));
        String other = "tariffs " + marker;
        articles.publish(Language.EN, "Tariffs rise " + marker, "Body.", List.of(other));
        name(tag, "", "Санкции " + marker).andExpect(status().is3xxRedirection());

        String refused = name(Slugs.from(other), "Tariffs <b>" + marker, "Санкции " + marker)
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var row = Jsoup.parse(refused).selectFirst("tr#tag-" + Slugs.from(other));
        assertThat(row).isNotNull();
        assertThat(row.select("input[name=en]").val()).isEqualTo("Tariffs <b>" + marker);
        assertThat(row.select("input[name=ru]").val()).isEqualTo("Санкции " + marker);
        assertThat(row.select(".field-error").text()).contains("Санкции " + marker);
        assertThat(refused).doesNotContain("Tariffs <b>");
        assertThat(page("/tag/" + Slugs.from(other)).select("h1").text()).isEqualTo("Tag: " + other);
    }

    @Test
    void namesWithNothingToMakeAnAddressOfOrTooLongAreRefused() throws Exception {
        articles.publish(Language.EN, "Sanctions once more " + marker, "Body.", List.of(words));

        name(tag, "— …", "").andExpect(status().isUnprocessableContent());
        name(tag, "制裁", "").andExpect(status().isUnprocessableContent());
        name(tag, "", "с".repeat(101)).andExpect(status().isUnprocessableContent());

        assertThat(page("/tag/" + tag).select("h1").text()).isEqualTo("Tag: " + words);
    }

    @Test
    void aNameAnotherEditorGaveAnotherTagAMomentAgoIsRefusedAndNothingIsKept() throws Exception {
        articles.publish(Language.EN, "Sanctions, raced " + marker, "Body.", List.of(words));
        String name = "Санкции " + marker;
        // what another editor's naming, committed after this one's checks, leaves behind
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("INSERT INTO tag_name_claim (name_slug, tag_slug) VALUES (:name, :other)")
                .param("name", Slugs.from(name))
                .param("other", "tariffs-" + marker)
                .update();

        String refused = name(tag, "Sanctions " + marker, name)
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(refused)
                        .select("tr#tag-" + tag + " .field-error")
                        .text())
                .contains("Another editor has just given");
        assertThat(page("/tag/" + tag).select("h1").text()).isEqualTo("Tag: " + words);
    }

    @Test
    void aTagOnTheOtherEditionsStoriesOnlySaysWhereTheyAre() throws Exception {
        String russian =
                articles.path(articles.publish(Language.RU, "Только по-русски " + marker, "Текст.", List.of(words)));

        var english = page("/tag/" + tag);

        assertThat(cards(english)).isEmpty();
        assertThat(english.select("main a[hreflang=ru]").attr("href")).isEqualTo("/ru/tag/" + tag);
        assertThat(cards(page("/ru/tag/" + tag))).containsExactly(russian);
    }

    @Test
    void onlyEditorsNameTagsAndOnlyTagsThatExist() throws Exception {
        articles.publish(Language.EN, "Sanctions, guarded " + marker, "Body.", List.of(words));
        var author = signIn(Role.AUTHOR);

        mvc.perform(get("/newsroom/tags").session(author)).andExpect(status().isForbidden());
        mvc.perform(post("/newsroom/tags/" + tag).session(author).with(csrf()).param("ru", "Санкции"))
                .andExpect(status().isForbidden());
        name("never-written-" + marker, "Never", "").andExpect(status().isNotFound());
        var list = Jsoup.parse(mvc.perform(get("/newsroom/tags").session(editor).param("q", marker))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(list.select("tbody tr").eachAttr("id")).containsExactly("tag-" + tag);
    }
}
