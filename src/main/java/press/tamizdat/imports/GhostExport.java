package press.tamizdat.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Ghost export (the JSON file of Settings → Labs → Export): posts and pages with their
 * HTML, authors, tags (the primary tag becomes the section; internal {@code #tags} are left out),
 * feature images and times. Ghost writes its own address as {@code __GHOST_URL__}; the old site's
 * address, when given, stands in for it.
 */
final class GhostExport {

    static final String GHOST_URL = "__GHOST_URL__";

    private final Path file;

    GhostExport(Path file) {
        this.file = file;
    }

    void read(Consumer<SourceItem> each) {
        JsonNode data;
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            data = root.path("db").path(0).path("data");
            if (!data.isObject()) {
                data = root.path("data");
            }
            if (!data.path("posts").isArray()) {
                throw new WordPressExport.Unreadable(
                        "The file is a JSON file, but not a Ghost export: it has no posts.", null);
            }
        } catch (JacksonException e) {
            throw new WordPressExport.Unreadable(
                    "The file is not a Ghost export that can be read: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WordPressExport.Unreadable("The file could not be read: " + e.getMessage(), e);
        }
        var users = new HashMap<String, String>();
        data.path("users")
                .forEach(user ->
                        users.put(user.path("id").asString(), user.path("name").asString()));
        var tags = new HashMap<String, JsonNode>();
        data.path("tags").forEach(tag -> tags.put(tag.path("id").asString(), tag));
        var meta = new HashMap<String, JsonNode>();
        data.path("posts_meta").forEach(row -> meta.put(row.path("post_id").asString(), row));
        Map<String, List<JsonNode>> tagsOf = byPost(data.path("posts_tags"));
        Map<String, List<JsonNode>> authorsOf = byPost(data.path("posts_authors"));
        for (JsonNode post : data.path("posts")) {
            String id = post.path("id").asString();
            var categories = new ArrayList<SourceItem.Category>();
            var names = new ArrayList<String>();
            for (JsonNode link : tagsOf.getOrDefault(id, List.of())) {
                JsonNode tag = tags.get(link.path("tag_id").asString());
                if (tag == null || tag.path("name").asString().startsWith("#")) {
                    continue;
                }
                if (categories.isEmpty()) {
                    categories.add(new SourceItem.Category(
                            tag.path("slug").asString(), tag.path("name").asString()));
                } else {
                    names.add(tag.path("name").asString());
                }
            }
            var authors = authorsOf.getOrDefault(id, List.of()).stream()
                    .map(link -> users.get(link.path("author_id").asString()))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (authors.isEmpty() && users.containsKey(post.path("author_id").asString())) {
                authors = List.of(users.get(post.path("author_id").asString()));
            }
            JsonNode extra = meta.get(id);
            String image = text(post, "feature_image");
            String alt = text(post, "feature_image_alt");
            String caption = text(post, "feature_image_caption");
            if (extra != null) {
                alt = alt == null ? text(extra, "feature_image_alt") : alt;
                caption = caption == null ? text(extra, "feature_image_caption") : caption;
            }
            String slug = post.path("slug").asString();
            String status = post.path("status").asString();
            String visibility = post.path("visibility").asString("public");
            each.accept(new SourceItem(
                    id,
                    post.path("type").asString("post"),
                    visibility.equals("public") ? status : status + " (" + visibility + ")",
                    null,
                    slug,
                    post.path("title").asString(),
                    text(post, "custom_excerpt"),
                    post.path("html").asString(""),
                    time(post, "published_at"),
                    time(post, "updated_at"),
                    authors,
                    categories,
                    names,
                    image == null ? null : new SourceItem.Image(image, alt, caption == null ? null : plain(caption)),
                    List.of(OldAddresses.normalize("/" + slug + "/"))));
        }
    }

    private static Map<String, List<JsonNode>> byPost(JsonNode rows) {
        var byPost = new HashMap<String, List<JsonNode>>();
        rows.forEach(row -> byPost.computeIfAbsent(row.path("post_id").asString(), key -> new ArrayList<>())
                .add(row));
        byPost.values()
                .forEach(list -> list.sort(
                        Comparator.comparingInt(row -> row.path("sort_order").asInt())));
        return byPost;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank()
                ? value.asString().strip()
                : null;
    }

    /** Ghost keeps captions as HTML. */
    private static String plain(String html) {
        return org.jsoup.Jsoup.parse(html).text();
    }

    private static @Nullable Instant time(JsonNode post, String field) {
        String value = text(post, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
