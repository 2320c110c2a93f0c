package press.tamizdat.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a reader can pass an article on: plain links to each service's own sharing page, carrying
 * the article's address and headline. Nothing of those services is on our page — no button
 * script, no icon, no count — so a reader who does not click tells them nothing.
 *
 * @param page the article's own address, which "Copy link" copies
 */
record ShareLinks(String page, String email, String telegram, String whatsApp, String vk, String x) {

    /** The links for the article at {@code url} with the headline {@code title}. */
    static ShareLinks of(String url, String title) {
        String address = encoded(url);
        String headline = encoded(title);
        return new ShareLinks(
                url,
                // RFC 6068: the subject and body of a mailto: link, percent-encoded
                "mailto:?subject=" + headline + "&body=" + address,
                "https://t.me/share/url?url=" + address + "&text=" + headline,
                "https://wa.me/?text=" + encoded(title + " " + url),
                "https://vk.com/share.php?url=" + address + "&title=" + headline,
                "https://x.com/intent/post?url=" + address + "&text=" + headline);
    }

    /** Percent-encoded for a query or a mailto: field, a space as %20 (mail clients show a + as it is). */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
