package press.tamizdat.imports;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A WordPress export written for the tests, shaped like a real newsroom's: {@code posts} posts in
 * three categories by four authors (display names differing from logins), tags, the classic
 * editor's blank-line paragraphs and the block editor's comments, a featured picture on every
 * tenth post (an attachment, served by the old site or only in the uploads folder), inline
 * pictures, [caption], [embed], [gallery] and a plug-in's shortcode, a YouTube frame, scripts and
 * handlers that must not survive, a Russian post with a percent-encoded slug, a draft, a private
 * post, a trashed one, a page, and a post whose picture is gone from the old site.
 */
public final class WxrExport {

    public static final String SITE = "https://old.example.org";
    static final String[][] AUTHORS = {
        {"mira", "Mira Talvik"}, {"jonas", "Jonas Erdel"}, {"anna.k", "Anna Keller"}, {"admin", "Desk"}
    };
    static final String[][] CATEGORIES = {{"politics", "Politics"}, {"culture", "Culture"}, {"regions", "Regions"}};

    private final int posts;

    public WxrExport(int posts) {
        this.posts = posts;
    }

    /** The id of the n-th ordinary post. */
    static int postId(int n) {
        return 1000 + n;
    }

    public static String slug(int n) {
        return "story-number-" + n;
    }

    public static String oldLink(int n) {
        return SITE + "/2021/03/" + String.format("%02d", n % 28 + 1) + "/" + slug(n) + "/";
    }

    static boolean hasFeaturedPicture(int n) {
        return n % 10 == 0;
    }

    /** Featured pictures of posts whose number ends in 50 are only in the uploads folder, not on the old site. */
    static boolean onlyInUploads(int n) {
        return n % 100 == 50;
    }

    static String pictureName(int n) {
        return "2021/03/photo-" + n + ".jpg";
    }

    public void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("""
                    <?xml version="1.0" encoding="UTF-8" ?>
                    <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
                      xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
                      xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                    <channel>
                      <title>The Old Herald</title>
                      <link>%s</link>
                      <description>News from the north</description>
                      <language>en-US</language>
                      <wp:wxr_version>1.2</wp:wxr_version>
                      <wp:base_site_url>%s</wp:base_site_url>
                      <wp:base_blog_url>%s</wp:base_blog_url>
                    """.formatted(SITE, SITE, SITE));
            int authorId = 1;
            for (String[] author : AUTHORS) {
                out.write("""
                          <wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[%s]]></wp:author_login>
                            <wp:author_email><![CDATA[%s@old.example.org]]></wp:author_email>
                            <wp:author_display_name><![CDATA[%s]]></wp:author_display_name></wp:author>
                        """.formatted(authorId++, author[0], author[0], author[1]));
            }
            for (String[] category : CATEGORIES) {
                out.write(
                        "  <wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename>"
                                        .formatted(authorId++, category[0])
                                + "<wp:cat_name><![CDATA[" + category[1] + "]]></wp:cat_name></wp:category>\n");
            }
            for (int n = 1; n <= posts; n++) {
                if (hasFeaturedPicture(n)) {
                    attachment(
                            out,
                            500_000 + n,
                            pictureName(n),
                            "A street in the north, picture " + n,
                            "Caption of picture " + n);
                }
                post(out, n);
            }
            special(out);
            out.write("</channel>\n</rss>\n");
        }
    }

    private void attachment(Writer out, int id, String name, String alt, String caption) throws IOException {
        out.write("""
                  <item>
                    <title>%s</title>
                    <link>%s/?attachment_id=%d</link>
                    <wp:post_id>%d</wp:post_id>
                    <wp:post_type><![CDATA[attachment]]></wp:post_type>
                    <wp:status><![CDATA[inherit]]></wp:status>
                    <excerpt:encoded><![CDATA[%s]]></excerpt:encoded>
                    <content:encoded><![CDATA[]]></content:encoded>
                    <wp:attachment_url><![CDATA[%s/wp-content/uploads/%s]]></wp:attachment_url>
                    <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>
                  </item>
                """.formatted(name, SITE, id, id, caption, SITE, name, alt));
    }

    private void post(Writer out, int n) throws IOException {
        String[] author = AUTHORS[n % AUTHORS.length];
        String[] category = CATEGORIES[n % CATEGORIES.length];
        String date = LocalDateTime.of(2021, 3, n % 28 + 1, 9, 0)
                .plusMinutes(n)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String body = n % 2 == 0
                // the classic editor: paragraphs as blank lines
                ? "First paragraph of story " + n
                        + " with <strong>bold</strong> words.\n\nSecond paragraph,\nwith a line break.\n\n"
                        + "<h3>A heading</h3>\n\nLast words of story " + n + "."
                // the block editor: comments around real paragraphs
                : "<!-- wp:paragraph --><p>Opening of story " + n
                        + " and a <a href=\"/2021/01/01/earlier/\">link to an earlier one</a>.</p><!-- /wp:paragraph -->"
                        + "<!-- wp:quote --><blockquote class=\"wp-block-quote\"><p>A quoted line.</p></blockquote><!-- /wp:quote -->";
        out.write("""
                  <item>
                    <title><![CDATA[Story number %d &amp; the north]]></title>
                    <link>%s</link>
                    <pubDate>Mon, 01 Mar 2021 09:00:00 +0000</pubDate>
                    <dc:creator><![CDATA[%s]]></dc:creator>
                    <guid isPermaLink="false">%s/?p=%d</guid>
                    <description></description>
                    <content:encoded><![CDATA[%s]]></content:encoded>
                    <excerpt:encoded><![CDATA[Standfirst of story %d]]></excerpt:encoded>
                    <wp:post_id>%d</wp:post_id>
                    <wp:post_date><![CDATA[%s]]></wp:post_date>
                    <wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>
                    <wp:post_modified_gmt><![CDATA[%s]]></wp:post_modified_gmt>
                    <wp:post_name><![CDATA[%s]]></wp:post_name>
                    <wp:status><![CDATA[publish]]></wp:status>
                    <wp:post_type><![CDATA[post]]></wp:post_type>
                    <category domain="category" nicename="%s"><![CDATA[%s]]></category>
                    <category domain="post_tag" nicename="north"><![CDATA[North]]></category>
                    <category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category>
                """.formatted(
                        n,
                        oldLink(n),
                        author[0],
                        SITE,
                        postId(n),
                        body,
                        n,
                        postId(n),
                        date,
                        date,
                        date,
                        slug(n),
                        category[0],
                        category[1],
                        n % 7,
                        n % 7));
        if (hasFeaturedPicture(n)) {
            out.write("    <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA["
                    + (500_000 + n) + "]]></wp:meta_value></wp:postmeta>\n");
        }
        out.write("""
                    <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content><![CDATA[A reader's comment]]></wp:comment_content></wp:comment>
                  </item>
                """);
    }

    /** The posts that test one thing each; their ids are 1 to 20. */
    private void special(Writer out) throws IOException {
        item(out, 1, "post", "publish", "the-hostile-one", "A story with things that must not survive", """
                <p>Before the script.</p><script>alert('stolen')</script><p onclick="steal()">Clicked paragraph</p>
                <img src="https://old.example.org/wp-content/uploads/2021/03/inline.jpg" onerror="alert(1)" alt="Inline picture">
                <style>body{display:none}</style><form action="https://evil.example/"><input name="x"></form>
                <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>
                <p><a href="javascript:alert(2)">a bad link</a> and <a href="https://example.com/ok">a good one</a></p>
                """, "");
        item(out, 2, "post", "publish", "shortcodes-everywhere", "Shortcodes everywhere", """
                [caption id="attachment_9" align="alignnone" width="300"]<img src="https://old.example.org/wp-content/uploads/2021/03/captioned.jpg" alt="Harbour" /> The harbour at dawn[/caption]

                [embed]https://vimeo.com/76979871[/embed]

                [gallery ids="1,2,3"]

                [contact-form-7 id="12" title="Contact"]

                [pullquote]Words in a plug-in's box[/pullquote]

                Closing words.""", "");
        item(out, 3, "post", "draft", "a-draft", "A draft that was never published", "<p>Unfinished.</p>", "");
        item(out, 4, "post", "private", "a-private-one", "A private post", "<p>Only for the editors.</p>", "");
        item(out, 5, "post", "trash", "a-trashed-one", "A trashed post", "<p>Gone.</p>", "");
        item(out, 6, "page", "publish", "about-the-herald", "About the Herald", "<p>We are a small newsroom.</p>", "");
        item(
                out,
                7,
                "post",
                "publish",
                "%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d1%8c",
                "Новость на русском",
                "<p>Текст новости.</p>",
                "<category domain=\"language\" nicename=\"ru\"><![CDATA[Русский]]></category>");
        item(
                out,
                8,
                "post",
                "publish",
                "picture-gone",
                "A post whose picture is gone",
                "<p><img src=\"https://old.example.org/wp-content/uploads/2019/01/missing.jpg\" alt=\"Lost picture\"></p><p>Text stays.</p>",
                "");
        item(out, 9, "post", "future", "scheduled-one", "A post scheduled on the old site", "<p>Soon.</p>", "");
    }

    private void item(
            Writer out, int id, String type, String status, String slug, String title, String body, String extra)
            throws IOException {
        out.write("""
                  <item>
                    <title><![CDATA[%s]]></title>
                    <link>%s/%s/</link>
                    <dc:creator><![CDATA[mira]]></dc:creator>
                    <guid isPermaLink="false">%s/?p=%d</guid>
                    <content:encoded><![CDATA[%s]]></content:encoded>
                    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
                    <wp:post_id>%d</wp:post_id>
                    <wp:post_date_gmt><![CDATA[2021-02-01 08:00:00]]></wp:post_date_gmt>
                    <wp:post_name><![CDATA[%s]]></wp:post_name>
                    <wp:status><![CDATA[%s]]></wp:status>
                    <wp:post_type><![CDATA[%s]]></wp:post_type>
                    <category domain="category" nicename="politics"><![CDATA[Politics]]></category>
                    %s
                  </item>
                """.formatted(title, SITE, slug, SITE, id, body, id, slug, status, type, extra));
    }
}
