package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * Mirror health against real HTTP servers on other ports: a fresh mirror (serving our own copy), a
 * stale one (a copy three days old with other files) and a dead one (nothing listening). Only the
 * fresh one is shown to readers; the others are flagged once they have failed long enough (here:
 * at once).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=tamizdat-mirror-health",
            "tamizdat.reach.mirror.enabled=true",
            "tamizdat.reach.health.flag-after=0s",
            "tamizdat.reach.health.stale-after=1d",
            "tamizdat.reach.health.timeout=2s"
        })
@AutoConfigureMockMvc
class MirrorHealthTests {

    @Autowired
    StaticMirror copy;

    @Autowired
    Mirrors mirrors;

    @Autowired
    MirrorHealth health;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    @TempDir
    Path staleFolder;

    HttpServer fresh;
    HttpServer stale;
    String freshAddress;
    String staleAddress;
    String deadAddress;

    @BeforeEach
    void threeMirrors() throws IOException {
        copy.exportAll();
        fresh = serve(copy.folder());
        Files.write(
                staleFolder.resolve(MirrorManifest.NAME),
                MirrorManifest.of(
                        Map.of("index.html", MirrorManifest.Entry.of("an old front page".getBytes())),
                        Instant.now().minus(Duration.ofDays(3))));
        stale = serve(staleFolder);
        freshAddress = "http://127.0.0.1:" + fresh.getAddress().getPort();
        staleAddress = "http://127.0.0.1:" + stale.getAddress().getPort();
        deadAddress = "http://127.0.0.1:" + nothingListening();
        mirrors.save(List.of(freshAddress, staleAddress, deadAddress), null);
    }

    @AfterEach
    void stop() {
        fresh.stop(0);
        stale.stop(0);
    }

    @Test
    void aFreshAStaleAndADeadMirrorAreEachToldApart() {
        health.checkAll();

        var checks = health.all();
        assertThat(checks.get(freshAddress).state()).isEqualTo(MirrorHealth.State.FRESH);
        assertThat(checks.get(staleAddress).state()).isEqualTo(MirrorHealth.State.STALE);
        assertThat(checks.get(staleAddress).copyFrom()).isBefore(Instant.now().minus(Duration.ofDays(2)));
        assertThat(checks.get(deadAddress).state()).isEqualTo(MirrorHealth.State.UNREACHABLE);
        assertThat(checks.get(deadAddress).detail()).contains("ConnectException");
    }

    @Test
    void readersAreToldOfTheFreshMirrorOnly() throws Exception {
        var unchecked = Jsoup.parse(
                mvc.perform(get("/mirrors")).andReturn().getResponse().getContentAsString());
        assertThat(unchecked.text()).contains(freshAddress, staleAddress, deadAddress);

        health.checkAll();

        var checked = Jsoup.parse(
                mvc.perform(get("/mirrors")).andReturn().getResponse().getContentAsString());
        assertThat(checked.select("main").text()).contains(freshAddress);
        assertThat(checked.text()).doesNotContain(staleAddress).doesNotContain(deadAddress);
        assertThat(mirrors.all()).containsExactly(freshAddress);
    }

    @Test
    void aFailingMirrorIsFlaggedToTheAdminsOnce() {
        health.checkAll();
        health.checkAll();

        var checks = health.all();
        assertThat(checks.get(deadAddress).flagged(health.flagAfter(), Instant.now()))
                .isTrue();
        assertThat(checks.get(freshAddress).flagged(health.flagAfter(), Instant.now()))
                .isFalse();
        assertThat(db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'mirror-failing' AND subject LIKE :dead")
                        .param("dead", deadAddress + ":%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMirrorThatComesBackIsShownAgain() throws IOException {
        health.checkAll();
        Files.write(
                staleFolder.resolve(MirrorManifest.NAME),
                Files.readAllBytes(copy.folder().resolve(MirrorManifest.NAME)));

        health.checkAll();

        assertThat(health.all().get(staleAddress).state()).isEqualTo(MirrorHealth.State.FRESH);
        assertThat(health.all().get(staleAddress).failingSince()).isNull();
        assertThat(mirrors.all()).containsExactly(freshAddress, staleAddress);
    }

    @Test
    void theNewsroomSeesEachMirrorsStateAndChecksThemNow() throws Exception {
        String email = "health-" + java.util.UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        var admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        var checked = mvc.perform(post("/newsroom/mirrors/check").session(admin).with(csrf()))
                .andReturn()
                .getResponse();
        var page = Jsoup.parse(mvc.perform(get("/newsroom/mirrors").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(checked.getRedirectedUrl()).isEqualTo("/newsroom/mirrors#health");
        var rows = page.select("#health + p + table tbody tr");
        assertThat(rows.eachText())
                .satisfiesExactly(
                        fresh -> assertThat(fresh).startsWith(freshAddress + " Fresh"),
                        stale -> assertThat(stale)
                                .startsWith(staleAddress + " Stale (not shown to readers) · its copy is from"),
                        dead -> assertThat(dead)
                                .startsWith(deadAddress + " Unreachable (not shown to readers)")
                                .contains("failing since"));
    }

    private static HttpServer serve(Path folder) {
        var server = SimpleFileServer.createFileServer(
                new InetSocketAddress("127.0.0.1", 0), folder.toAbsolutePath(), SimpleFileServer.OutputLevel.NONE);
        server.start();
        return server;
    }

    private static int nothingListening() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
