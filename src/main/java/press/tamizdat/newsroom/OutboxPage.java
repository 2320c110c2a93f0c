package press.tamizdat.newsroom;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.mail.Mailer;
import press.tamizdat.mail.Outbox;
import press.tamizdat.web.UiFactory;

/**
 * The file outbox in the newsroom, for admins: what the platform would have sent, with the links
 * in each message clickable, so the embedded default can be tried end to end without a mail server.
 */
@Controller
class OutboxPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final Outbox outbox;
    private final Mailer mailer;
    private final UiFactory uis;
    private final CurrentStaff staff;

    private final AuditLog audit;

    OutboxPage(Outbox outbox, Mailer mailer, UiFactory uis, CurrentStaff staff, AuditLog audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.mailer = mailer;
        this.uis = uis;
        this.staff = staff;
    }

    record Entry(String name, @Nullable Instant sent, String to, String subject) {}

    record Listing(List<Entry> entries, boolean smtp, String directory) {}

    record Shown(Entry entry, String text, List<String> links) {}

    @GetMapping("/newsroom/outbox")
    String list(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var entries = outbox.names().stream()
                .limit(200)
                .flatMap(name -> outbox.read(name).map(m -> entry(name, m)).stream())
                .toList();
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new Listing(entries, mailer.usesSmtp(), outbox.directory().toString()));
        return "newsroom/outbox";
    }

    @GetMapping("/newsroom/outbox/{name}")
    String show(@PathVariable String name, HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        MimeMessage message = outbox.read(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record("outbox-read", name);
        String text = textOf(message);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new Shown(
                        entry(name, message),
                        text,
                        LINK.matcher(text)
                                .results()
                                .map(m -> m.group())
                                .distinct()
                                .toList()));
        return "newsroom/outbox-message";
    }

    private static Entry entry(String name, MimeMessage message) {
        try {
            var to = message.getHeader("To", ", ");
            return new Entry(
                    name,
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    to == null ? "" : jakarta.mail.internet.MimeUtility.decodeText(to),
                    message.getSubject() == null ? "" : message.getSubject());
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            return new Entry(name, null, "", "");
        }
    }

    /** The plain-text part, which every message of ours has. */
    private static String textOf(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof Multipart parts) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        texts.add(String.valueOf(part.getContent()));
                    }
                }
                return String.join("\n", texts);
            }
            return "";
        } catch (IOException | MessagingException e) {
            return "";
        }
    }
}
