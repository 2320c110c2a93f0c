package press.tamizdat.newsletter;

import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;

/**
 * The pictures and clips of a story as a newsletter carries them: a picture at mail width with its
 * caption, and a clip as a still of our own that links to the original (a mail client plays
 * nothing, and a still from the other site would tell it who opened the mail).
 */
final class MailFigures {

    static final int WIDTH = 560;

    private MailFigures() {}

    /**
     * The body's story figures made mail-ready, and every address of our own in it made absolute:
     * a link by {@code link} (on the site, or on the copy the newsletter sends its readers to), a
     * picture by {@code picture} (where a mail client can fetch it).
     */
    static String forMail(String bodyHtml, UnaryOperator<String> link, UnaryOperator<String> picture, Ui ui) {
        var body = Jsoup.parseBodyFragment(bodyHtml);
        for (Element own : body.select("[href^=/]")) {
            if (!own.attr("href").startsWith("//")) {
                own.attr("href", link.apply(own.attr("href")));
            }
        }
        for (Element own : body.select("[src^=/]")) {
            if (!own.attr("src").startsWith("//")) {
                own.attr("src", picture.apply(own.attr("src")));
            }
        }
        for (Element figure : body.select("figure.story-photo")) {
            Element img = figure.selectFirst("img");
            if (img == null) {
                figure.remove();
                continue;
            }
            var shown = new Element("p")
                    .appendChild(new Element("img")
                            .attr("src", img.attr("src"))
                            .attr("alt", img.attr("alt"))
                            .attr("width", String.valueOf(WIDTH)));
            figure.before(shown);
            String caption = figure.select("figcaption").text();
            if (!caption.isBlank()) {
                figure.before(new Element("p").appendChild(new Element("em").text(caption)));
            }
            figure.remove();
        }
        for (Element figure : body.select("figure.story-embed")) {
            Element original = figure.selectFirst("a.embed-load");
            if (original == null) {
                figure.remove();
                continue;
            }
            String network = figure.attr("data-network");
            String credit = figure.select("figcaption").text();
            String words = ui.text(network.equals("telegram") ? "embed.mail.post" : "embed.mail.video", credit);
            String href = original.attr("href");
            figure.before(new Element("p")
                    .appendChild(new Element("a")
                            .attr("href", href)
                            .appendChild(new Element("img")
                                    .attr("src", picture.apply(PublicPaths.embedStill(network)))
                                    .attr("alt", words)
                                    .attr("width", String.valueOf(WIDTH))
                                    .attr("height", String.valueOf(WIDTH * 9 / 16)))));
            figure.before(new Element("p")
                    .appendChild(new Element("a").attr("href", href).text(words)));
            figure.remove();
        }
        body.outputSettings().prettyPrint(false);
        return body.body().html();
    }
}
