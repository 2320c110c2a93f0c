package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;

/**
 * Pictures and clips inside a story, over HTTP: the media library page uploads (metadata stripped),
 * finds and describes pictures; a story places them by a line of its own and shows them as figures
 * with responsive widths, credited click-to-load placeholders for Telegram, VK, YouTube and Vimeo,
 * and links in the light edition; what cannot be placed is refused on save with the reason.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StoryMediaTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    StaffAccounts staff;

    @Autowired
    MediaLibrary media;

    @Autowired
    ArticleRepository articles;

    MockHttpSession signedIn(Role role) throws Exception {
        String email = "story-" + role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Story " + role.name().toLowerCase(), role, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    Document page(String path, MockHttpSession session) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void pagingThroughASearchKeepsItsWordsWhateverCharactersTheyHold() throws Exception {
        String words = "salt & pepper + c++ #" + UUID.randomUUID().toString().substring(0, 8);
        var uploader = staff.create(
                "story-paging-" + UUID.randomUUID() + "@example.org",
                "Story paging",
                Role.CONTRIBUTOR,
                "correct horse battery",
                false);
        for (int i = 0; i <= MediaDesk.PAGE_SIZE; i++) {
            var medium = media.store(TestImages.encode(320, 200, "jpg"), uploader.id());
            media.describe(medium.id(), "Picture " + i, words + " " + i, "");
        }
        var session = signedIn(Role.CONTRIBUTOR);

        var first =
                Jsoup.parse(mvc.perform(get("/newsroom/media").param("q", words).session(session))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        String next = first.select("a[rel=next]").attr("href");
        var second = Jsoup.parse(mvc.perform(get(java.net.URI.create(next)).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(first.select(".media-library > li")).hasSize(MediaDesk.PAGE_SIZE);
        assertThat(second.select("#q").val()).isEqualTo(words);
        assertThat(second.select(".media-library > li")).hasSize(1);
    }

    @Test
    void thePhotoLibraryUploadsWithoutMetadataFindsAndGivesTheLineThatPlacesAPicture() throws Exception {
        var contributor = signedIn(Role.CONTRIBUTOR);
        String caption = "Protest at the bridge " + UUID.randomUUID();

        var refused = mvc.perform(multipart("/newsroom/media")
                        .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", TestPictures.phoneJpeg()))
                        .param("alt", "")
                        .param("caption", caption)
                        .session(contributor)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(refused).select(".field-error").text()).contains("alt text");
        assertThat(Jsoup.parse(refused).select("#caption").val()).isEqualTo(caption);

        mvc.perform(multipart("/newsroom/media")
                        .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", TestPictures.phoneJpeg()))
                        .param("alt", "People on a bridge holding blank sheets")
                        .param("caption", caption)
                        .param("credit", "Photo: A. Reader")
                        .session(contributor)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        var found = page("/newsroom/media?q=" + caption.substring(caption.length() - 12), contributor);
        var item = found.select("ul.media-library li");
        assertThat(item).hasSize(1);
        String placement = item.select("code.placement").text();
        assertThat(placement).matches("\\[photo \\d+\\]");
        long id = Long.parseLong(placement.replaceAll("\\D", ""));
        assertThat(media.described(id).orElseThrow().credit()).isEqualTo("Photo: A. Reader");
        var medium = media.find(id).orElseThrow();
        for (int width : medium.widths()) {
            var stored = media.store().read(medium.key(), width + ".jpg").orElseThrow();
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("the %dpx rendition", width)
                    .doesNotContain("Exif", "SourceCam");
        }
        assertThat(page("/newsroom/media?q=no-such-words-anywhere", contributor).select("ul.media-library li"))
                .isEmpty();
    }

    @Test
    void aStoryShowsTwoPlacedPhotosAndACreditedTelegramPostThatLoadsNothingUntilAsked() throws Exception {
        var test = new TestArticles(context);
        String first = test.placedPhoto(1600, 900, "A crowd at dusk", "The square on Monday", "Photo: Ina Vos");
        String second = test.placedPhoto(800, 800, "An empty street", "", "");
        long id = test.publish(
                Language.EN,
                "Pictures in the story " + UUID.randomUUID(),
                "It began at dusk.\n\n" + first + "\n\nBy night the street was empty.\n\n" + second
                        + "\n\n[embed https://t.me/outlet_news/4821]\n\n"
                        + "[embed https://vk.com/video-22822305_456239018 | Video: @vkteam]\n\n"
                        + "```\n[photo 1]\n```\n",
                List.of());
        var story = page(test.path(id));

        var photos = story.select(".article-body figure.story-photo");
        assertThat(photos).hasSize(2);
        var img = photos.first().selectFirst("img");
        assertThat(img.attr("alt")).isEqualTo("A crowd at dusk");
        assertThat(img.attr("srcset")).contains("320w").contains("640w");
        assertThat(img.attr("src")).startsWith("/media/");
        assertThat(img.attr("loading")).isEqualTo("lazy");
        assertThat(photos.first().select("figcaption").text()).isEqualTo("The square on Monday Photo: Ina Vos");
        assertThat(photos.last().select("figcaption")).isEmpty();
        assertThat(photos.last().selectFirst("img").attr("alt")).isEqualTo("An empty street");

        var embeds = story.select(".article-body figure.story-embed");
        assertThat(embeds).hasSize(2);
        assertThat(embeds.get(0).attr("data-embed-src")).isEqualTo("https://t.me/outlet_news/4821?embed=1");
        assertThat(embeds.get(0).select(".credit").text()).isEqualTo("Post: @outlet_news");
        assertThat(embeds.get(0).select("a.embed-load").attr("href")).isEqualTo("https://t.me/outlet_news/4821");
        assertThat(embeds.get(1).attr("data-embed-src"))
                .isEqualTo("https://vk.com/video_ext.php?oid=-22822305&id=456239018&hd=2");
        assertThat(embeds.get(1).select(".credit").text()).isEqualTo("Video: @vkteam");
        assertThat(story.select("iframe, script[src^=http]")).isEmpty();
        assertThat(story.select(".article-body pre code").text()).isEqualTo("[photo 1]");

        var light = page(PublicPaths.light(test.path(id)));
        assertThat(light.select("img, iframe, figure")).isEmpty();
        var links = light.select("p.light-media a");
        assertThat(links.eachText()).contains("Photo: A crowd at dusk", "Photo: An empty street");
        assertThat(links.eachAttr("href")).anyMatch(href -> href.startsWith("/media/") && href.endsWith("/1600.jpg"));
        assertThat(links.eachAttr("href")).contains("https://t.me/outlet_news/4821");
        assertThat(light.select("p.light-media").text()).contains("Post: @outlet_news");
    }

    @Test
    void aPictureDescribedAnewShowsSoOnTheStoriesThatPlaceIt() throws Exception {
        var test = new TestArticles(context);
        String photo = test.placedPhoto(640, 480, "Before", "Old caption", "");
        long id = test.publish(Language.EN, "Described anew " + UUID.randomUUID(), "Text.\n\n" + photo, List.of());
        assertThat(page(test.path(id)).select("figure.story-photo figcaption").text())
                .isEqualTo("Old caption");
        var editor = signedIn(Role.EDITOR);
        long mediaId = Long.parseLong(photo.replaceAll("\\D", ""));

        mvc.perform(post("/newsroom/media/" + mediaId)
                        .session(editor)
                        .with(csrf())
                        .param("alt", "After")
                        .param("caption", "New caption")
                        .param("credit", "Photo: Staff"))
                .andExpect(status().is3xxRedirection());

        var figure = page(test.path(id)).select("figure.story-photo");
        assertThat(figure.select("figcaption").text()).isEqualTo("New caption Photo: Staff");
        assertThat(figure.select("img").attr("alt")).isEqualTo("After");
    }

    @Test
    void onlyTheUploaderOrAnEditorDescribesAPictureAndABlankAltIsRefusedAsTyped() throws Exception {
        var test = new TestArticles(context);
        long mediaId = Long.parseLong(test.placedPhoto(320, 240, "Kept", "", "").replaceAll("\\D", ""));
        var author = signedIn(Role.AUTHOR);
        var editor = signedIn(Role.EDITOR);

        mvc.perform(post("/newsroom/media/" + mediaId)
                        .session(author)
                        .with(csrf())
                        .param("alt", "Changed by someone else"))
                .andExpect(status().isForbidden());
        var refused = mvc.perform(post("/newsroom/media/" + mediaId)
                        .session(editor)
                        .with(csrf())
                        .param("alt", " ")
                        .param("caption", "Typed caption"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var form = Jsoup.parse(refused);
        assertThat(form.select(".field-error").text()).contains("alt text");
        assertThat(form.select("#caption-" + mediaId).val()).isEqualTo("Typed caption");
        assertThat(media.described(mediaId).orElseThrow().alt()).isEqualTo("Kept");
    }

    @Test
    void aStoryThatPlacesWhatCannotBePlacedIsRefusedOnSaveWithTheReason() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var sections = context.getBean(Sections.class);
        for (var body : List.of(
                "Text.\n\n[photo 987654321]",
                "Text.\n\n[embed https://example.org/video/1]",
                "Text.\n\n[embed javascript:alert(1)]",
                "Text.\n\n[photo twelve]")) {
            var response = mvc.perform(post("/newsroom/articles")
                            .session(author)
                            .with(csrf())
                            .param("language", "en")
                            .param(
                                    "slug",
                                    "refused-" + UUID.randomUUID().toString().substring(0, 8))
                            .param("headline", "Refused placement")
                            .param("body", body)
                            .param(
                                    "sectionId",
                                    String.valueOf(sections.findBySlug("news")
                                            .orElseThrow()
                                            .id()))
                            .param("bylines", "Someone")
                            .param("action", "save"))
                    .andReturn()
                    .getResponse();

            assertThat(response.getStatus()).as(body).isEqualTo(200);
            var form = Jsoup.parse(response.getContentAsString());
            assertThat(form.select(".field-error").text()).as(body).isNotBlank();
            assertThat(form.select("#body").val()).as(body).isEqualTo(body);
        }
        assertThat(articles.findAll()).noneMatch(a -> a.headline().equals("Refused placement"));

        var plain = new TestArticles(context);
        long kept = plain.publish(
                Language.EN,
                "Not a placement " + UUID.randomUUID(),
                "[embedded journalism] is a term.\n\n[photographs] were taken.",
                List.of());
        assertThat(page(plain.path(kept)).select(".article-body p").eachText())
                .containsExactly("[embedded journalism] is a term.", "[photographs] were taken.");
    }
}
