package press.tamizdat.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The one mechanism behind "Your data" and "Manage my support": a mailed link opens once, its page
 * token lasts a while, neither opens another kind's page, and used links are forgotten once they
 * would have expired anyway. Booted as the platform module alone.
 */
@ApplicationModuleTest
class PersonalLinksTests {

    static final PersonalLinks.Kind DATA =
            new PersonalLinks.Kind("test-data", Duration.ofHours(24), Duration.ofMinutes(30));
    static final PersonalLinks.Kind MANAGE =
            new PersonalLinks.Kind("test-manage", Duration.ofHours(24), Duration.ofMinutes(30));

    @Autowired
    PersonalLinks links;

    @Autowired
    SingleUse singleUse;

    @Autowired
    JdbcClient db;

    @Autowired
    SignedTokens tokens;

    @Autowired
    TamizdatSettings settings;

    @Test
    void aMailedLinkOpensItsSubjectOnceAndOnlyForItsKind() {
        String token = links.link(DATA, "reader@example.org");

        assertThat(links.holds(DATA, token)).isTrue();
        assertThat(links.holds(MANAGE, token)).as("another kind's page").isFalse();
        assertThat(links.use(MANAGE, token)).isEmpty();
        assertThat(links.use(DATA, token)).contains("reader@example.org");
        assertThat(links.use(DATA, token)).as("a link works once").isEmpty();
    }

    @Test
    void theLinkCarriesItsSubjectSealed() {
        String token = links.link(DATA, "reader@example.org");

        String body = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));

        assertThat(body).doesNotContain("reader@example.org").doesNotContain("reader");
    }

    @Test
    void anOpenedPagesTokenNamesItsSubjectAndOpensNoOtherKind() {
        String page = links.page(MANAGE, "42");

        assertThat(links.subjectOf(MANAGE, page)).contains("42");
        assertThat(links.subjectOf(DATA, page)).isEmpty();
        assertThat(links.subjectOf(MANAGE, "v1.forged")).isEmpty();
        assertThat(links.use(MANAGE, page))
                .as("a page token is not a mailed link")
                .isEmpty();
    }

    @Test
    void linksMailedBeforeTheyWereOneMechanismStillOpenOnce() {
        var earlier = new Sealer(
                KeyFiles.key(settings.secret(), settings.dataDir().resolve("secret.key")), "privacy-addresses");
        var expires = java.time.Instant.now().plus(Duration.ofHours(1));
        String nonce = java.util.UUID.randomUUID().toString().replace("-", "");
        String data = tokens.sign("test-data-link", earlier.seal("reader@example.org") + "~" + nonce, expires);
        String dataPage = tokens.sign("test-data-page", earlier.seal("reader@example.org"), expires);
        String manage = tokens.sign("test-manage-link", "42-" + nonce, expires);
        String managePage = tokens.sign("test-manage-page", "42", expires);

        assertThat(links.use(DATA, data)).contains("reader@example.org");
        assertThat(links.use(DATA, data)).as("still once").isEmpty();
        assertThat(links.subjectOf(DATA, dataPage)).contains("reader@example.org");
        assertThat(links.use(MANAGE, manage)).contains("42");
        assertThat(links.use(MANAGE, manage)).as("still once").isEmpty();
        assertThat(links.subjectOf(MANAGE, managePage)).contains("42");
    }

    @Test
    void usedNoncesAreForgottenOnceWhatTheyGuardHasExpired() {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("INSERT INTO used_nonce (nonce, expires_at) VALUES ('expired-nonce', :at)")
                .param("at", now.minusDays(1))
                .update();
        db.sql("INSERT INTO used_nonce (nonce, expires_at) VALUES ('live-nonce', :at)")
                .param("at", now.plusDays(1))
                .update();

        singleUse.forgetExpired();

        assertThat(db.sql("SELECT nonce FROM used_nonce WHERE nonce IN ('expired-nonce', 'live-nonce')")
                        .query(String.class)
                        .list())
                .containsExactly("live-nonce");
    }

    @Test
    void aPrivatePageIsStoredNowhereAndSendsNoReferer() {
        var response = new MockHttpServletResponse();

        PersonalLinks.keepPrivate(response);

        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
