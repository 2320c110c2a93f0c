package press.tamizdat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.newsroom.TotpCodes;

/**
 * Signs a staff member in through the real pages: the password form, then the second factor. At a
 * member's first sign-in it enrols an authenticator app the way a person would (reading the key off
 * the page) and keeps the key and recovery codes, as the person's phone and drawer would.
 */
public final class NewsroomLogin {

    private static final Pattern SECRET = Pattern.compile("<code class=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>");

    /** What a member's devices hold: the authenticator's key, the last code used, the recovery codes. */
    public static final class Authenticator {
        final String secret;
        long lastStep = Long.MIN_VALUE;
        final Deque<String> recoveryCodes = new ArrayDeque<>();

        Authenticator(String secret) {
            this.secret = secret;
        }

        public String secret() {
            return secret;
        }

        /**
         * A code the server has not seen yet: the previous step's, the current one's or the next
         * one's (within the allowed drift). The previous step's is refused once the server's clock
         * has passed into the next step, so it is not offered in a step's last seconds.
         */
        public synchronized String nextCode() {
            Instant instant = Instant.now();
            long now = TotpCodes.step(instant);
            boolean nearTheNextStep = TotpCodes.step(instant.plusSeconds(3)) > now;
            long step = Math.max(nearTheNextStep ? now : now - 1, lastStep + 1);
            if (step > now + 1) {
                return recoveryCodes.pop();
            }
            lastStep = step;
            return TotpCodes.code(secret, step);
        }

        public synchronized String recoveryCode() {
            return recoveryCodes.pop();
        }
    }

    private static final Map<String, Authenticator> AUTHENTICATORS = new ConcurrentHashMap<>();

    private NewsroomLogin() {}

    /** A new staff member with this role, signed in with both factors; their address is unique to the call. */
    public static MockHttpSession signInNew(
            MockMvc mvc, press.tamizdat.newsroom.StaffAccounts staff, press.tamizdat.newsroom.Role role)
            throws Exception {
        String email =
                role.name().toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID() + "@example.org";
        staff.create(email, role.name(), role, "correct horse battery", false);
        return signIn(mvc, email, "correct horse battery");
    }

    public static MockHttpSession signIn(MockMvc mvc, String email, String password) throws Exception {
        var session = signInWithPassword(mvc, email, password);
        var page = mvc.perform(get("/newsroom/second-factor").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        if (page.contains("/newsroom/second-factor/totp")) {
            enrol(mvc, email, session);
        } else {
            var result = mvc.perform(post("/newsroom/second-factor")
                            .session(session)
                            .with(csrf())
                            .param("code", authenticator(email).nextCode()))
                    .andReturn();
            String target = result.getResponse().getRedirectedUrl();
            if (target == null || target.contains("second-factor")) {
                throw new IllegalStateException("Second factor refused for " + email);
            }
        }
        return session;
    }

    /** Only the password step: the session is signed in with the password alone. */
    public static MockHttpSession signInWithPassword(MockMvc mvc, String email, String password) throws Exception {
        var result = mvc.perform(formLogin("/newsroom/login")
                        .userParameter("email")
                        .user(email)
                        .password(password))
                .andReturn();
        if (result.getResponse().getRedirectedUrl() == null
                || !result.getResponse().getRedirectedUrl().contains("second-factor")) {
            throw new IllegalStateException("Sign-in failed for " + email);
        }
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /** Enrols an authenticator app for the member signed in with {@code session} (by password alone). */
    public static Authenticator enrol(MockMvc mvc, String email, MockHttpSession session) throws Exception {
        var enrolment = mvc.perform(get("/newsroom/second-factor/totp").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher secret = SECRET.matcher(enrolment);
        if (!secret.find()) {
            throw new IllegalStateException("No authenticator key on the enrolment page for " + email);
        }
        var authenticator = new Authenticator(secret.group(1).replace(" ", ""));
        var codes = mvc.perform(post("/newsroom/second-factor/totp")
                        .session(session)
                        .with(csrf())
                        .param("code", authenticator.nextCode()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher recovery = RECOVERY.matcher(codes);
        while (recovery.find()) {
            authenticator.recoveryCodes.add(recovery.group(1));
        }
        if (authenticator.recoveryCodes.isEmpty()) {
            throw new IllegalStateException("Enrolment failed for " + email);
        }
        AUTHENTICATORS.put(email.strip().toLowerCase(java.util.Locale.ROOT), authenticator);
        return authenticator;
    }

    /** The authenticator enrolled for {@code email} by an earlier sign-in. */
    public static Authenticator authenticator(String email) {
        var authenticator = AUTHENTICATORS.get(email.strip().toLowerCase(java.util.Locale.ROOT));
        if (authenticator == null) {
            throw new IllegalStateException("No authenticator was enrolled for " + email);
        }
        return authenticator;
    }

    /** Remembers an authenticator set up outside the pages (the bootstrap admin's configured secret). */
    public static void remember(String email, String secret) {
        AUTHENTICATORS.put(email.strip().toLowerCase(java.util.Locale.ROOT), new Authenticator(secret));
    }
}
