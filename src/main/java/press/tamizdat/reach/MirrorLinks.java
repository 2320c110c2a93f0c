package press.tamizdat.reach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import press.tamizdat.web.PublicPaths;

/**
 * How a page of the site becomes a file of the mirror, without any I/O: which site path a link
 * points to, which file holds a site path, and the page's links rewritten to files relative to its
 * own, with what only works live taken out. Files are named so a plain file server or a folder
 * serves them: {@code /en/x} is {@code en/x/index.html}, {@code ?page=3} is {@code page/3/index.html}.
 */
final class MirrorLinks {

    private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)(?:&|$)");

    private final String siteBase;
    private final @Nullable String localBase;
    private final String formsBase;

    /**
     * Links to {@code siteBase} (the site's canonical address) and to {@code localBase} (this
     * application on the loopback interface, when known) count as links into the site; the forms
     * a reader may send from the copy post to {@code formsBase}, the live forms address.
     */
    MirrorLinks(String siteBase, @Nullable String localBase, String formsBase) {
        this.siteBase = siteBase.replaceAll("/+$", "");
        this.localBase = localBase;
        this.formsBase = formsBase.replaceAll("/+$", "");
    }

    /**
     * Points every link and source of the page at a file of the copy, relative to {@code file};
     * points the forms a reader may send from a mirror (signup, contribution, reminder) at the live
     * forms address; takes out what else only works live (other forms that post, search, pages
     * that carry a reader's token), keeping a link to them as text. Returns the site paths the page
     * links to.
     */
    List<String> rewrite(Document page, String file) {
        var found = new ArrayList<String>();
        page.select("form").forEach(form -> {
            var action = sitePath(form.attr("action"));
            boolean posts = form.attr("method").equalsIgnoreCase("post");
            if (posts && action.filter(PublicPaths::isAnsweredLive).isPresent()) {
                form.attr("action", formsBase + action.get());
            } else if (posts || action.map(PublicPaths::isLiveOnly).orElse(false)) {
                form.remove();
            }
        });
        for (Element element : page.select("[href], [src]")) {
            String attribute = element.hasAttr("href") ? "href" : "src";
            String value = element.attr(attribute);
            var target = sitePath(value);
            if (target.isEmpty()) {
                continue;
            }
            if (PublicPaths.isLiveOnly(target.get())) {
                if (element.tagName().equals("a")) {
                    element.unwrap();
                } else {
                    element.remove();
                }
                continue;
            }
            found.add(target.get());
            element.attr(attribute, relative(file, fileFor(target.get())) + fragment(value));
        }
        for (Element element : page.select("[srcset]")) {
            var sources = new StringBuilder();
            for (String candidate : element.attr("srcset").split(",")) {
                String[] parts = candidate.strip().split("\\s+", 2);
                var target = sitePath(parts[0]);
                target.ifPresent(found::add);
                if (!sources.isEmpty()) {
                    sources.append(", ");
                }
                sources.append(target.map(path -> relative(file, fileFor(path))).orElse(parts[0]));
                if (parts.length > 1) {
                    sources.append(' ').append(parts[1]);
                }
            }
            element.attr("srcset", sources.toString());
        }
        return found;
    }

    /**
     * Points the links of a Content API document (the fields {@link #JSON_LINKS} name) at files of
     * the copy, relative to {@code file}, as a page's links are; returns the site paths they point
     * to. Other fields, absolute addresses and filtered lists among them, stay as the live API wrote
     * them.
     */
    List<String> rewriteJson(tools.jackson.databind.JsonNode document, String file) {
        var found = new ArrayList<String>();
        rewriteJson(document, file, found);
        return found;
    }

    private void rewriteJson(tools.jackson.databind.JsonNode node, String file, List<String> found) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                var value = object.get(name);
                if (value.isString() && JSON_LINKS.contains(name)) {
                    var target = sitePath(value.asString()).filter(path -> !PublicPaths.isLiveOnly(path));
                    if (target.isPresent()) {
                        found.add(target.get());
                        object.put(name, relative(file, fileFor(target.get())));
                    }
                } else {
                    rewriteJson(value, file, found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> rewriteJson(element, file, found));
        }
    }

    /** The fields of a Content API document that link to a page or another document of the site. */
    static final java.util.Set<String> JSON_LINKS = java.util.Set.of("path", "api_path", "previous", "next");

    /** The site paths a sitemap lists. */
    List<String> sitemapLinks(String xml) {
        var links = new ArrayList<String>();
        Matcher loc = LOC.matcher(xml);
        while (loc.find()) {
            sitePath(loc.group(1).replace("&amp;", "&")).ifPresent(links::add);
        }
        return links;
    }

    /**
     * The site path a link points to, if it points into the site: root-relative links, and absolute
     * ones to the site's own address or to this application. Only the {@code page} parameter of a
     * query is kept (the others, like where a reader came from, make no other page).
     */
    Optional<String> sitePath(String link) {
        String value = link.strip();
        if (value.startsWith(siteBase + "/") || value.equals(siteBase)) {
            value = value.substring(siteBase.length());
        } else if (localBase != null && value.startsWith(localBase)) {
            value = value.substring(localBase.length());
        }
        if (link.isBlank()) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            value = "/";
        }
        if (!value.startsWith("/") || value.startsWith("//")) {
            return Optional.empty();
        }
        // never a path that climbs out of the copy, or that only encodes one
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains("/../")
                || lower.endsWith("/..")
                || lower.contains("/./")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("\\")) {
            return Optional.empty();
        }
        int hash = value.indexOf('#');
        if (hash >= 0) {
            value = value.substring(0, hash);
        }
        int question = value.indexOf('?');
        String bare = question < 0 ? value : value.substring(0, question);
        // "/en/x/" and "/index.html" are the pages "/en/x" and "/": one file each
        bare = bare.replaceFirst("/index\\.html$", "/");
        if (bare.length() > 1) {
            bare = bare.replaceAll("/+$", "");
        }
        value = question < 0 ? bare : bare + value.substring(question);
        question = value.indexOf('?');
        if (question < 0) {
            return Optional.of(value);
        }
        if (bare.substring(bare.lastIndexOf('/') + 1).contains(".")) {
            // a file (a feed, a picture) has no pages: rss.xml?page=2 is rss.xml
            return Optional.of(bare);
        }
        Matcher page = PAGE.matcher(value.substring(question + 1));
        String path = value.substring(0, question);
        return Optional.of(page.find() && !page.group(1).equals("1") ? path + "?page=" + page.group(1) : path);
    }

    /** The file of the copy that holds a site path: {@code /en/x} is {@code en/x/index.html}. */
    static String fileFor(String sitePath) {
        String path = sitePath;
        String page = null;
        int question = path.indexOf('?');
        if (question >= 0) {
            Matcher matcher = PAGE.matcher(path.substring(question + 1));
            page = matcher.find() ? matcher.group(1) : null;
            path = path.substring(0, question);
        }
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return trimmed;
        }
        String folder = trimmed.isEmpty() ? "" : trimmed + "/";
        // the Content API's documents are JSON: a plain file server names them by their extension
        String index = PublicPaths.isApi(path) ? "index.json" : "index.html";
        return folder + (page == null ? "" : "page/" + page + "/") + index;
    }

    /** The link from one file of the copy to another. */
    static String relative(String from, String to) {
        Path fromFolder = Path.of(from).getParent();
        String link =
                fromFolder == null ? to : fromFolder.relativize(Path.of(to)).toString();
        return link.isEmpty() ? "index.html" : link.replace('\\', '/');
    }

    private static String fragment(String link) {
        int hash = link.indexOf('#');
        return hash < 0 ? "" : link.substring(hash);
    }
}
