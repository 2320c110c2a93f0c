package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One-click unsubscribing (RFC 8058: a POST to the link, idempotent), the page behind the link,
 * and the preferences page, all reached through signed links.
 */
@SpringBootTest(properties = "tamizdat.site.url=https://news.example")
@AutoConfigureMockMvc
class UnsubscribeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Newsletters newsletters;

    long subscriber;
    long weekly;

    @BeforeEach
    void aConfirmedSubscriber() {
        weekly = newsletters.all().getFirst().id();
        String email = "unsub-" + System.nanoTime() + "@example.org";
        db.sql("INSERT INTO subscriber (email, status, language, created_at) VALUES (:email, 'CONFIRMED', 'en', :now)")
                .param("email", email)
                .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .update();
        subscriber = db.sql("SELECT id FROM subscriber WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .single();
        db.sql(
                        "INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at) VALUES (:s, :n, 'ACTIVE', :now)")
                .param("s", subscriber)
                .param("n", weekly)
                .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .update();
    }

    String subscription() {
        return db.sql("SELECT status FROM subscription WHERE subscriber_id = :s AND newsletter_id = :n")
                .param("s", subscriber)
                .param("n", weekly)
                .query(String.class)
                .single();
    }

    String pathOf(String url) {
        var uri = URI.create(url);
        assertThat(uri.getHost()).isEqualTo("news.example");
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void oneClickPostUnsubscribesAndRepeatingItChangesNothing() throws Exception {
        String link = pathOf(subscriptions.unsubscribeUrl(subscriber, weekly));

        for (int i = 0; i < 2; i++) {
            var response = mvc.perform(post(link)
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .content("List-Unsubscribe=One-Click"))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(subscription()).isEqualTo("UNSUBSCRIBED");
        }
    }

    @Test
    void openingTheLinkAsksFirstAndChangesNothing() throws Exception {
        String link = pathOf(subscriptions.unsubscribeUrl(subscriber, weekly));

        var page = mvc.perform(get(link)).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(Jsoup.parse(page.getContentAsString()).select("form[method=post] button"))
                .hasSize(1);
        assertThat(subscription()).isEqualTo("ACTIVE");
    }

    @Test
    void aForgedLinkUnsubscribesNobody() throws Exception {
        String link = pathOf(subscriptions.unsubscribeUrl(subscriber, weekly));
        String forged = link.replace("token=", "token=x");

        var response = mvc.perform(post(forged)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("This link does not work");
        assertThat(subscription()).isEqualTo("ACTIVE");
    }

    @Test
    void thePreferencesPageSetsExactlyTheNewslettersChosen() throws Exception {
        String token = subscriptions.preferencesToken(subscriber);
        var page = Jsoup.parse(mvc.perform(get("/newsletter/preferences").param("token", token))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("input[name=newsletter][checked]").eachAttr("value"))
                .containsExactly(Long.toString(weekly));

        mvc.perform(post("/newsletter/preferences").param("token", token));
        assertThat(subscription()).isEqualTo("UNSUBSCRIBED");

        var saved = mvc.perform(post("/newsletter/preferences")
                        .param("token", token)
                        .param("newsletter", Long.toString(weekly)))
                .andReturn()
                .getResponse();
        assertThat(subscription()).isEqualTo("ACTIVE");
        assertThat(Jsoup.parse(saved.getContentAsString())
                        .select("[role=status]")
                        .text())
                .isEqualTo("Saved.");
    }
}
