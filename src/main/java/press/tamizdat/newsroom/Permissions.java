package press.tamizdat.newsroom;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one table of who may do what in the newsroom, enforced for every request under
 * {@code /newsroom} before any controller runs. A request that no row matches is refused, and
 * {@code PermissionMatrixTests} fails for a mapped endpoint without a row, so a new page cannot go
 * out unguarded. Finer rules that depend on the thing itself (an author edits only their own
 * article) stay with that thing; this table is the floor beneath them.
 */
final class Permissions {

    /** What a request needs. */
    enum Need {
        /** Nothing: the sign-in page. */
        ANYONE,
        /** A password accepted, the second factor still to come: verification, a first password. */
        PASSWORD,
        /**
         * Adding a second factor: fully signed in, or with the password alone by a member who has
         * none yet (enrolment at first sign-in). A password alone never adds a factor to an account
         * that has one, or a stolen password would be enough to get in.
         */
        ENROL,
        /**
         * Changing the password: with the password alone only when a one-time password must be
         * replaced; otherwise fully signed in, with the second factor shown recently (or a stolen
         * password would be enough to lock the owner out).
         */
        PASSWORD_CHANGE,
        /** Fully signed in (password and second factor, or a passkey) with at least this role. */
        CONTRIBUTOR,
        AUTHOR,
        EDITOR,
        ADMIN;

        @Nullable
        Role role() {
            return switch (this) {
                case ANYONE, PASSWORD, ENROL, PASSWORD_CHANGE -> null;
                case CONTRIBUTOR -> Role.CONTRIBUTOR;
                case AUTHOR -> Role.AUTHOR;
                case EDITOR -> Role.EDITOR;
                case ADMIN -> Role.ADMIN;
            };
        }
    }

    /**
     * One row: requests with {@code method} whose path matches {@code pattern} need {@code need};
     * {@code recent} rows also need the second factor shown again in the last few minutes (exports
     * of readers' data, payment settings, staff changes).
     */
    record Rule(HttpMethod method, String pattern, Need need, boolean recent) {}

    static final List<Rule> RULES = List.of(
            // signing in and finishing it
            rule(GET, "/newsroom/login", Need.ANYONE),
            rule(GET, "/newsroom/join/{token}", Need.ANYONE),
            rule(POST, "/newsroom/join/{token}", Need.ANYONE),
            rule(GET, "/newsroom/second-factor", Need.PASSWORD),
            rule(POST, "/newsroom/second-factor", Need.PASSWORD),
            rule(POST, "/newsroom/login", Need.ANYONE),
            rule(POST, "/newsroom/logout", Need.PASSWORD),
            rule(GET, "/newsroom/second-factor/totp", Need.ENROL),
            rule(POST, "/newsroom/second-factor/totp", Need.ENROL),
            // where the browser goes once a passkey is registered: the page checks it was this session's
            rule(GET, "/newsroom/second-factor/passkey", Need.PASSWORD),
            // passkeys (Spring Security's WebAuthn filters answer these; the options are answered
            // before authorisation to anyone signed in, and only make a challenge: the registration
            // that uses it is held to this table)
            rule(POST, "/webauthn/register/options", Need.ENROL),
            rule(POST, "/webauthn/register", Need.ENROL),
            rule(POST, "/webauthn/authenticate/options", Need.ANYONE),
            rule(POST, "/login/webauthn", Need.ANYONE),
            rule(GET, "/newsroom/password", Need.PASSWORD_CHANGE),
            rule(POST, "/newsroom/password", Need.PASSWORD_CHANGE),
            // everyone on the staff
            rule(GET, "/newsroom", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/confirm", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/confirm", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/account", Need.CONTRIBUTOR),
            recent(POST, "/newsroom/account/recovery-codes", Need.CONTRIBUTOR),
            recent(POST, "/newsroom/account/passkeys/{id}/remove", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/account/sessions/{id}/end", Need.CONTRIBUTOR),
            // articles: anyone on the staff writes; who may publish which is the article's own rule
            rule(GET, "/newsroom/articles", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/articles/new", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/articles/{id}", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles/{id}", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles/{id}/translation", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles/{id}/submit", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles/{id}/approve", Need.EDITOR),
            rule(POST, "/newsroom/articles/{id}/send-back", Need.EDITOR),
            rule(GET, "/newsroom/media", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/media", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/media/{id}", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/tags", Need.EDITOR),
            rule(POST, "/newsroom/tags/{slug}", Need.EDITOR),
            rule(GET, "/newsroom/sections", Need.ADMIN),
            rule(POST, "/newsroom/sections/{id}/approvals", Need.ADMIN),
            rule(POST, "/newsroom/articles/{id}/unpublish", Need.AUTHOR),
            rule(POST, "/newsroom/articles/{id}/unschedule", Need.AUTHOR),
            rule(GET, "/newsroom/articles/{id}/revisions", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/articles/{id}/revisions/{number}", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/articles/{id}/revisions/{number}/restore", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/preview", Need.CONTRIBUTOR),
            // static pages: read by all, changed by editors
            rule(GET, "/newsroom/pages", Need.CONTRIBUTOR),
            rule(GET, "/newsroom/pages/{id}", Need.CONTRIBUTOR),
            rule(POST, "/newsroom/pages/{id}", Need.EDITOR),
            // the newsletter
            rule(GET, "/newsroom/newsletters", Need.EDITOR),
            rule(POST, "/newsroom/newsletters/{id}/editions", Need.EDITOR),
            rule(GET, "/newsroom/editions/{id}", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}/items", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}/items/{item}/{action}", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}/schedule", Need.EDITOR),
            rule(POST, "/newsroom/newsletters/{id}/links", Need.EDITOR),
            rule(GET, "/newsroom/newsletters/{id}/welcome", Need.EDITOR),
            rule(POST, "/newsroom/newsletters/{id}/welcome/{language}", Need.EDITOR),
            rule(POST, "/newsroom/newsletters/{id}/welcome/{language}/test", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}/cancel", Need.EDITOR),
            rule(POST, "/newsroom/editions/{id}/test", Need.EDITOR),
            rule(GET, "/newsroom/editions/{id}/preview", Need.EDITOR),
            // readers' addresses, money, mail, staff and the record of it all: admins
            rule(GET, "/newsroom/readership", Need.EDITOR),
            rule(GET, "/newsroom/subscribers", Need.ADMIN),
            rule(POST, "/newsroom/subscribers/{id}/suppress", Need.ADMIN),
            rule(POST, "/newsroom/subscribers/{id}/erase", Need.ADMIN),
            recent(POST, "/newsroom/subscribers/import", Need.ADMIN),
            recent(GET, "/newsroom/subscribers.csv", Need.ADMIN),
            recent(GET, "/newsroom/campaign", Need.ADMIN),
            recent(POST, "/newsroom/campaign", Need.ADMIN),
            rule(GET, "/newsroom/revenue", Need.ADMIN),
            recent(GET, "/newsroom/bank", Need.ADMIN),
            recent(POST, "/newsroom/bank/accounts", Need.ADMIN),
            recent(POST, "/newsroom/bank/accounts/remove", Need.ADMIN),
            recent(POST, "/newsroom/bank/received", Need.ADMIN),
            recent(GET, "/newsroom/revenue.csv", Need.ADMIN),
            recent(GET, "/newsroom/import", Need.ADMIN),
            recent(POST, "/newsroom/import", Need.ADMIN),
            recent(GET, "/newsroom/webhooks", Need.ADMIN),
            recent(POST, "/newsroom/webhooks", Need.ADMIN),
            recent(POST, "/newsroom/webhooks/{id}/active", Need.ADMIN),
            recent(POST, "/newsroom/webhooks/{id}/remove", Need.ADMIN),
            rule(GET, "/newsroom/outbox", Need.ADMIN),
            rule(GET, "/newsroom/outbox/{name}", Need.ADMIN),
            rule(GET, "/newsroom/mirrors", Need.ADMIN),
            recent(POST, "/newsroom/mirrors", Need.ADMIN),
            rule(POST, "/newsroom/mirrors/export", Need.ADMIN),
            rule(POST, "/newsroom/mirrors/check", Need.ADMIN),
            rule(GET, "/newsroom/audit", Need.ADMIN),
            // the metrics, on the site's own port (a management port of its own answers anyone who reaches it)
            rule(GET, "/actuator/prometheus", Need.ADMIN),
            recent(GET, "/newsroom/audit.csv", Need.ADMIN),
            recent(GET, "/newsroom/staff", Need.ADMIN),
            recent(POST, "/newsroom/staff/invitations", Need.ADMIN),
            recent(POST, "/newsroom/staff/invitations/{id}/withdraw", Need.ADMIN),
            recent(GET, "/newsroom/staff/{id}", Need.ADMIN),
            recent(POST, "/newsroom/staff/{id}/role", Need.ADMIN),
            recent(POST, "/newsroom/staff/{id}/deactivate", Need.ADMIN),
            recent(POST, "/newsroom/staff/{id}/reactivate", Need.ADMIN),
            recent(POST, "/newsroom/staff/{id}/second-factors/reset", Need.ADMIN),
            recent(POST, "/newsroom/staff/{id}/sessions/{session}/end", Need.ADMIN));

    /** Each row with its pattern parsed once. */
    private static final List<Map.Entry<Rule, RequestMatcher>> MATCHERS = RULES.stream()
            .map(rule -> Map.entry(rule, (RequestMatcher)
                    PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern())))
            .toList();

    private Permissions() {}

    /** The first row that matches, or none: then the request is refused. */
    static Optional<Rule> ruleFor(HttpServletRequest request) {
        return MATCHERS.stream()
                .filter(entry -> entry.getValue().matches(request))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static Rule rule(HttpMethod method, String pattern, Need need) {
        return new Rule(method, pattern, need, false);
    }

    private static Rule recent(HttpMethod method, String pattern, Need need) {
        return new Rule(method, pattern, need, true);
    }
}
