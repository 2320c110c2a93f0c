package press.tamizdat.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/**
 * Reads a WordPress export (WXR, any version) as a stream, so an export of tens of thousands of
 * posts is never held in memory: a first pass collects the authors and the attachments (the
 * pictures posts refer to by id), a second hands over each post and page. Document type
 * declarations are refused, so an export cannot make the reader fetch or expand anything.
 */
final class WordPressExport {

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final Map<String, String> authors = new HashMap<>();
    private final Map<String, SourceItem.Image> attachments = new HashMap<>();
    private @Nullable String base;
    private @Nullable Language language;

    WordPressExport(Path file) {
        this.file = file;
    }

    /** An export that cannot be read as WXR, with the reason in words. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason, @Nullable Throwable cause) {
            super(reason, cause);
        }
    }

    /** One {@code <item>}: its direct fields, categories and meta. */
    private record Item(Map<String, String> fields, List<String[]> categories, Map<String, String> meta) {

        String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    /** Hands each post and page to {@code each}, in the export's order. */
    void read(Consumer<SourceItem> each) {
        items(item -> {
            String type = item.field("post_type");
            if (type.equals("attachment")) {
                String url = item.field("attachment_url");
                if (!url.isBlank()) {
                    attachments.put(
                            item.field("post_id"),
                            new SourceItem.Image(
                                    url.strip(),
                                    blankToNull(item.meta().get("_wp_attachment_image_alt")),
                                    blankToNull(item.field("excerpt"))));
                }
            }
        });
        items(item -> {
            String type = item.field("post_type");
            if (type.equals("post") || type.equals("page")) {
                each.accept(toSource(item, type));
            }
        });
    }

    private SourceItem toSource(Item item, String type) {
        String id = item.field("post_id");
        var categories = new ArrayList<SourceItem.Category>();
        var tags = new ArrayList<String>();
        Language itemLanguage = language;
        for (String[] category : item.categories()) {
            switch (category[0]) {
                case "category" -> categories.add(new SourceItem.Category(category[1], category[2]));
                case "post_tag" -> tags.add(category[2]);
                case "language" -> itemLanguage = languageOf(category[1], itemLanguage);
                default -> {}
            }
        }
        var paths = new ArrayList<String>();
        pathOf(item.field("link")).ifPresent(paths::add);
        paths.add(type.equals("page") ? "/?page_id=" + id : "/?p=" + id);
        String thumbnail = item.meta().get("_thumbnail_id");
        String login = item.field("creator");
        return new SourceItem(
                id,
                type,
                item.field("status"),
                itemLanguage,
                java.net.URLDecoder.decode(item.field("post_name"), java.nio.charset.StandardCharsets.UTF_8),
                item.field("title"),
                blankToNull(item.field("excerpt")),
                item.field("content"),
                time(item.field("post_date_gmt"), item.field("post_date"), item.field("pubDate")),
                time(item.field("post_modified_gmt"), item.field("post_modified"), ""),
                login.isBlank() ? List.of() : List.of(authors.getOrDefault(login, login)),
                categories,
                tags,
                thumbnail == null ? null : attachments.get(thumbnail.strip()),
                paths);
    }

    /** The path of an old address on the old site, without a trailing slash; none for another site. */
    java.util.Optional<String> pathOf(String link) {
        if (link.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = URI.create(link.strip());
            if (base != null && uri.getHost() != null) {
                URI site = URI.create(base);
                if (site.getHost() != null && !site.getHost().equalsIgnoreCase(uri.getHost())) {
                    return java.util.Optional.empty();
                }
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path = path + "?" + uri.getRawQuery();
            }
            return java.util.Optional.of(OldAddresses.normalize(path));
        } catch (IllegalArgumentException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** The old site's address, for pictures and links given relative to it. */
    @Nullable
    String base() {
        return base;
    }

    private void items(Consumer<Item> each) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "item" -> each.accept(item(xml));
                        case "author" -> author(xml);
                        case "base_site_url" -> base = text(xml).strip();
                        case "link" -> {
                            // the channel's own link comes before any item's (an item's is read with it)
                            String link = text(xml).strip();
                            if (base == null && !link.isEmpty()) {
                                base = link;
                            }
                        }
                        case "language" -> language = languageOf(text(xml), language);
                        default -> {}
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new Unreadable("The file is not a WordPress export (WXR) that can be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new Unreadable("The file could not be read: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory factory() {
        var factory = XMLInputFactory.newFactory();
        // no document type, no external or internal entities: nothing in an export is fetched or expanded
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private Item item(XMLStreamReader xml) throws XMLStreamException {
        var fields = new LinkedHashMap<String, String>();
        var categories = new ArrayList<String[]>();
        var meta = new HashMap<String, String>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("item")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            switch (name) {
                case "category" -> {
                    String domain = attribute(xml, "domain");
                    String nicename = attribute(xml, "nicename");
                    categories.add(new String[] {domain, nicename, text(xml).strip()});
                }
                case "postmeta" -> {
                    String key = null;
                    String value = null;
                    while (xml.hasNext()) {
                        int inner = xml.next();
                        if (inner == XMLStreamConstants.END_ELEMENT
                                && xml.getLocalName().equals("postmeta")) {
                            break;
                        }
                        if (inner == XMLStreamConstants.START_ELEMENT) {
                            if (xml.getLocalName().equals("meta_key")) {
                                key = text(xml);
                            } else if (xml.getLocalName().equals("meta_value")) {
                                value = text(xml);
                            }
                        }
                    }
                    if (key != null && value != null) {
                        meta.put(key, value);
                    }
                }
                case "comment" -> skip(xml);
                case "encoded" -> {
                    String namespace = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
                    fields.put(namespace.contains("excerpt") ? "excerpt" : "content", text(xml));
                }
                default -> fields.put(name, text(xml));
            }
        }
        return new Item(fields, categories, meta);
    }

    private void author(XMLStreamReader xml) throws XMLStreamException {
        String login = null;
        String display = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("author")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "author_login" -> login = text(xml).strip();
                    case "author_display_name" -> display = text(xml).strip();
                    default -> text(xml);
                }
            }
        }
        if (login != null && !login.isEmpty()) {
            authors.put(login, display == null || display.isEmpty() ? login : display);
        }
    }

    /** The text of the current element, nested elements' text included; leaves the reader at its end. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        var text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(xml.getText());
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {}
            }
        }
        return text.toString();
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        text(xml);
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    static @Nullable Language languageOf(String code, @Nullable Language otherwise) {
        String lower = code.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("ru")) {
            return Language.RU;
        }
        if (lower.startsWith("en")) {
            return Language.EN;
        }
        return otherwise;
    }

    /** The first time that reads: WordPress's GMT column, its local one (taken as UTC), then the RSS date. */
    static @Nullable Instant time(String gmt, String local, String rss) {
        for (String value : List.of(gmt, local)) {
            String trimmed = value.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("0000")) {
                continue;
            }
            try {
                return LocalDateTime.parse(trimmed, WP_DATE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                // try the next
            }
        }
        if (!rss.isBlank()) {
            try {
                return ZonedDateTime.parse(rss.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
