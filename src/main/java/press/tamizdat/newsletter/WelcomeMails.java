package press.tamizdat.newsletter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.Markdown;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The welcome mail a reader gets once a subscription begins, written by the editors per newsletter
 * and language. Each reader is welcomed to a newsletter once: confirming twice, or leaving and
 * coming back, sends nothing more. A failed send leaves the event unfinished, to be tried again,
 * and the note that the reader was welcomed is rolled back with it.
 */
@Component
class WelcomeMails {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 20_000;

    private final JdbcClient db;
    private final Newsletters newsletters;
    private final Subscriptions subscriptions;
    private final Mailer mailer;
    private final Markdown markdown;
    private final UiFactory ui;
    private final TamizdatSettings settings;
    private final Clock clock;

    WelcomeMails(
            JdbcClient db,
            Newsletters newsletters,
            Subscriptions subscriptions,
            Mailer mailer,
            Markdown markdown,
            UiFactory ui,
            TamizdatSettings settings,
            Clock clock) {
        this.db = db;
        this.newsletters = newsletters;
        this.subscriptions = subscriptions;
        this.mailer = mailer;
        this.markdown = markdown;
        this.ui = ui;
        this.settings = settings;
        this.clock = clock;
    }

    /** A newsletter's welcome in one language; blank when the editors wrote none. */
    record Welcome(Language language, String subject, String body) {

        boolean isBlank() {
            return subject.isBlank() && body.isBlank();
        }
    }

    /** The welcome in each language the newsroom publishes in, blank where there is none. */
    @Transactional(readOnly = true)
    List<Welcome> of(long newsletterId) {
        var welcomes = new ArrayList<Welcome>();
        for (Language language : Language.values()) {
            welcomes.add(find(newsletterId, language).orElse(new Welcome(language, "", "")));
        }
        return welcomes;
    }

    Optional<Welcome> find(long newsletterId, Language language) {
        return db.sql(
                        "SELECT subject, body FROM newsletter_welcome WHERE newsletter_id = :newsletter AND language = :language")
                .param("newsletter", newsletterId)
                .param("language", language.code())
                .query((rs, n) -> new Welcome(language, rs.getString("subject"), rs.getString("body")))
                .optional();
    }

    /** Keeps a welcome; a blank one sends none in that language from now on. */
    @Transactional
    void save(long newsletterId, Welcome welcome) {
        db.sql("DELETE FROM newsletter_welcome WHERE newsletter_id = :newsletter AND language = :language")
                .param("newsletter", newsletterId)
                .param("language", welcome.language().code())
                .update();
        if (welcome.isBlank()) {
            return;
        }
        db.sql("""
                        INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
                        VALUES (:newsletter, :language, :subject, :body, :now)
                        """)
                .param("newsletter", newsletterId)
                .param("language", welcome.language().code())
                .param("subject", welcome.subject())
                .param("body", welcome.body())
                .param("now", SqlTime.utc(clock.instant()))
                .update();
    }

    private record Recipient(String email, String language) {}

    @ApplicationModuleListener
    void on(SubscriptionBegun event) throws MailFailure {
        var recipient = db.sql("""
                        SELECT r.email, r.language FROM subscriber r
                        JOIN subscription s ON s.subscriber_id = r.id AND s.newsletter_id = :newsletter
                        WHERE r.id = :id AND r.status = 'CONFIRMED' AND s.status = 'ACTIVE'
                        """)
                .param("id", event.subscriberId())
                .param("newsletter", event.newsletterId())
                .query(Recipient.class)
                .optional();
        var newsletter = newsletters.find(event.newsletterId());
        if (recipient.isEmpty() || newsletter.isEmpty()) {
            return; // left, erased or suppressed since
        }
        Language language = Language.fromCode(recipient.get().language()).orElse(Language.EN);
        var welcome = find(event.newsletterId(), language);
        if (welcome.isEmpty()) {
            return;
        }
        int first = db.sql("""
                        INSERT INTO newsletter_welcomed (subscriber_id, newsletter_id, welcomed_at)
                        SELECT :id, :newsletter, :now FROM (VALUES (0)) AS one (x)
                        WHERE NOT EXISTS (SELECT 1 FROM newsletter_welcomed
                                          WHERE subscriber_id = :id AND newsletter_id = :newsletter)
                        """)
                .param("id", event.subscriberId())
                .param("newsletter", event.newsletterId())
                .param("now", SqlTime.utc(clock.instant()))
                .update();
        if (first == 0) {
            return;
        }
        mailer.send(mail(
                newsletter.get(),
                welcome.get(),
                event.subscriberId(),
                recipient.get().email()));
    }

    /** The welcome as mailed: the editors' text, then why the reader gets it and their own links. */
    Mail mail(Newsletter newsletter, Welcome welcome, long subscriberId, String email) {
        Ui words = ui.forLocale(welcome.language().locale());
        String unsubscribe = subscriptions.unsubscribeUrl(subscriberId, newsletter.id());
        String preferences = subscriptions.preferencesUrl(subscriberId);
        String why = words.text(
                "edition.mail.why", newsletter.name(), settings.site().name());
        String text = markdown.toPlainText(welcome.body()).strip() + "\n\n--\n" + why + "\n"
                + words.text("edition.mail.unsubscribe") + ": " + unsubscribe + "\n"
                + words.text("edition.mail.preferences") + ": " + preferences + "\n"
                // where to read the outlet when its address is blocked, as every edition says
                + (words.mirrors().isEmpty()
                        ? ""
                        : words.text("edition.mail.mirrors") + "\n" + String.join("\n", words.mirrors()) + "\n");
        String html = "<!DOCTYPE html><html lang=\"" + welcome.language().code() + "\"><head><meta charset=\"utf-8\">"
                + "<title>" + HtmlUtils.htmlEscape(welcome.subject()) + "</title></head><body>"
                + markdown.toSafeHtml(welcome.body())
                + "<hr><p>" + HtmlUtils.htmlEscape(why) + "<br><a href=\"" + HtmlUtils.htmlEscape(unsubscribe) + "\">"
                + HtmlUtils.htmlEscape(words.text("edition.mail.unsubscribe")) + "</a> · <a href=\""
                + HtmlUtils.htmlEscape(preferences) + "\">"
                + HtmlUtils.htmlEscape(words.text("edition.mail.preferences"))
                + "</a></p></body></html>";
        return new Mail(
                newsletter.senderAddress(),
                newsletter.senderName(),
                email,
                welcome.subject().strip(),
                text,
                html,
                Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">, <mailto:" + newsletter.senderAddress() + "?subject=unsubscribe>",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click"));
    }
}
