package press.tamizdat.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsroom.TotpCodes;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The staff side in Debian's Chromium, with Chromium's own software authenticator standing in for
 * a phone or security key. An admin set up by configuration (address, password and TOTP secret:
 * the contract for automated deployments) signs in and invites an editor; the editor opens the
 * mailed link, chooses a password, creates a passkey, and later signs in with the passkey alone;
 * the staff page stays closed to an editor.
 *
 * <p>WebAuthn needs a host name (not 127.0.0.1) that is also the site's configured address, so this
 * application runs on a port chosen before it starts, at http://localhost.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.application.name=tamizdat-staff-journey",
            "tamizdat.admin.email=chief@example.org",
            "tamizdat.admin.password=" + StaffJourneyTests.ADMIN_PASSWORD,
            "tamizdat.admin.totp-secret=" + StaffJourneyTests.ADMIN_SECRET
        })
class StaffJourneyTests {

    static final String ADMIN_PASSWORD = "four unrelated words here";
    static final String ADMIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final int PORT = freePort();
    private static final Pattern JOIN = Pattern.compile("https?://\\S+(/newsroom/join/\\S+)");

    @DynamicPropertySource
    static void address(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("tamizdat.site.url", () -> "http://localhost:" + PORT);
    }

    @Autowired
    TamizdatSettings settings;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    @Test
    void anInvitedEditorJoinsWithAPasskeyAndSignsInWithItAlone() {
        browser = Browser.start(true);
        VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));

        // the configured admin: password, then a code from the configured secret
        browser.get(url("/newsroom"));
        browser.findElement(By.id("email")).sendKeys("chief@example.org");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        Browser.follow(browser, By.cssSelector("main form button[type=submit]"));
        Browser.arrivesAt(browser, "/newsroom/second-factor");
        browser.findElement(By.id("code")).sendKeys(TotpCodes.code(ADMIN_SECRET, TotpCodes.step(Instant.now())));
        Browser.follow(browser, By.cssSelector("main form button[type=submit]"));
        Browser.arrivesAt(browser, "/newsroom/articles");

        // invites an editor
        Browser.follow(browser, By.linkText("Staff"));
        browser.findElement(By.id("invite-email")).sendKeys("new.editor@example.org");
        browser.findElement(By.id("invite-name")).sendKeys("Nadia Editor");
        new Select(browser.findElement(By.id("invite-role"))).selectByValue("EDITOR");
        Browser.follow(browser, By.cssSelector("form[action='/newsroom/staff/invitations'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("The invitation is on its way.");
        Browser.follow(browser, By.cssSelector("form[action='/newsroom/logout'] button"));

        var outbox = new TestOutbox(settings);
        var link = JOIN.matcher(TestOutbox.text(outbox.first("new.editor@example.org")));
        assertThat(link.find()).isTrue();

        // the editor joins: a password, then a passkey from the (software) authenticator
        browser.get(url(link.group(1)));
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Nadia Editor");
        browser.findElement(By.id("password")).sendKeys("lantern orchard vinyl glacier");
        browser.findElement(By.id("confirmation")).sendKeys("lantern orchard vinyl glacier");
        Browser.follow(browser, By.cssSelector("main form button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set up a second factor");
        browser.findElement(By.cssSelector("button[data-passkey-register]")).click();
        await().atMost(Duration.ofSeconds(10))
                .failFast(
                        "the passkey was refused",
                        () -> !Browser.now(browser, By.cssSelector("[data-passkey-failed][data-reason]"))
                                .isEmpty())
                .until(() -> browser.getCurrentUrl().endsWith("/newsroom/second-factor/passkey"));
        assertThat(browser.findElements(By.cssSelector("ul.recovery-codes li"))).hasSize(10);
        assertThat(authenticator.getCredentials()).hasSize(1);
        Browser.follow(browser, By.linkText("Continue to the newsroom"));
        Browser.arrivesAt(browser, "/newsroom/articles");
        Browser.follow(browser, By.cssSelector("form[action='/newsroom/logout'] button"));

        // later: the passkey alone signs her in, no password typed
        browser.get(url("/newsroom/login"));
        browser.findElement(By.cssSelector("button[data-passkey-sign-in]")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().endsWith("/newsroom/articles"));
        assertThat(browser.findElement(By.cssSelector("form[action='/newsroom/logout'] button"))
                        .getText())
                .contains("new.editor@example.org");

        // and an editor does not manage staff
        browser.get(url("/newsroom/staff"));
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Invite someone");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
