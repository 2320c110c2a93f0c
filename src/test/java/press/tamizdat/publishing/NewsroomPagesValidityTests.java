package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;

/**
 * The newsroom pages of the review step, the media library, the sections and the welcome mail
 * pass the W3C's HTML validator (validator.nu), each in the state with the most on it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NewsroomPagesValidityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    ApplicationContext context;

    @Autowired
    ArticleDesk desk;

    @Autowired
    Sections sections;

    @Test
    void theReviewMediaSectionsAndWelcomePagesAreValidHtml() throws Exception {
        String adminEmail = "valid-admin-" + UUID.randomUUID() + "@example.org";
        staff.create(adminEmail, "Valid admin", Role.ADMIN, "correct horse battery", false);
        var admin = NewsroomLogin.signIn(mvc, adminEmail, "correct horse battery");
        var author = staff.create(
                "valid-author-" + UUID.randomUUID() + "@example.org", "Valid author", Role.AUTHOR, "x y z w v", false);
        long draft = desk.create(
                        new ArticleContent(
                                Language.EN,
                                "valid-" + UUID.randomUUID().toString().substring(0, 8),
                                "Waiting",
                                null,
                                "Body.",
                                sections.findBySlug("news").orElseThrow().id(),
                                List.of("Someone"),
                                List.of(),
                                null),
                        author)
                .articleId();
        context.getBean(ArticleReviews.class).submit(draft, author);
        new TestArticles(context).placedPhoto(640, 480, "A picture", "Its caption", "Photo: Someone");
        mvc.perform(post("/newsroom/articles/" + draft + "/send-back")
                .session(admin)
                .with(csrf())
                .param("note", "Check the figures."));
        context.getBean(ArticleReviews.class).submit(draft, author);

        var validator = new SimpleDocumentValidator(false, false, false);
        var errors = new ArrayList<String>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", collect);
        validator.setUpValidatorAndParsers(collect, true, false);
        var invalid = new LinkedHashMap<String, List<String>>();
        long weekly = context.getBean(press.tamizdat.newsletter.Newsletters.class)
                .all()
                .getFirst()
                .id();
        for (String path : List.of(
                "/newsroom/articles/" + draft,
                "/newsroom/articles?review=waiting",
                "/newsroom/articles/" + draft + "/revisions",
                "/newsroom/media",
                "/newsroom/sections",
                "/newsroom/tags",
                "/newsroom/newsletters/" + weekly + "/welcome")) {
            String html = mvc.perform(get(path).session(admin))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(html).as(path).contains("<main");
            errors.clear();
            validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
            if (!errors.isEmpty()) {
                invalid.put(path, List.copyOf(errors));
            }
        }
        assertThat(invalid).as("validation errors per page").isEmpty();
    }
}
