package press.tamizdat.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gg.jte.Content;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.web.Ui;

/**
 * The contribution form of the appeal under every article, rendered once per appeal and page
 * language: it is the same under every article (the appeal carries no reader's input and no
 * puzzle), and rendering it anew was a seventh of an uncached article's render. A changed campaign
 * is a new appeal ({@link Campaigns} makes it), whose form is rendered again; the old one's goes
 * with it.
 */
@Component
public class AppealForms {

    private final TemplateEngine templates;
    private final Cache<Campaigns.Appeal, Map<Key, byte[]>> rendered =
            Caffeine.newBuilder().weakKeys().build();

    AppealForms(TemplateEngine templates) {
        this.templates = templates;
    }

    /** What of the page's context the form shows besides the appeal. */
    private record Key(
            Locale locale, String siteName, @Nullable String askAddress) {}

    /** The appeal's form, as {@code support/give.jte} renders it for {@code ui}. */
    public Content form(Campaigns.Appeal appeal, Ui ui) {
        byte[] html = rendered.get(appeal, made -> new ConcurrentHashMap<>())
                .computeIfAbsent(new Key(ui.locale(), ui.siteName(), ui.askAddress()), key -> render(appeal, ui));
        return output -> output.writeBinaryContent(html);
    }

    private byte[] render(Campaigns.Appeal appeal, Ui ui) {
        var output = new Utf8ByteOutput();
        templates.render("support/give.jte", Map.of("ui", ui, "giving", appeal.giving()), output);
        return output.toByteArray();
    }
}
