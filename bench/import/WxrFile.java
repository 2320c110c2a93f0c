import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a WordPress export of N posts for bench/import.sh (run with `java WxrFile.java N export.xml
 * uploads/`): each post a few paragraphs of classic-editor text with a link, a quote and tags, in
 * one of five categories by one of six authors; every 50th post has a featured picture (an 800×600
 * JPEG in the uploads folder, as wp-content/uploads holds it).
 */
public class WxrFile {

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Path uploads = Path.of(args[2]);
        String site = "https://old.example.org";
        String[] categories = {"politics", "culture", "regions", "economy", "world"};
        String[] authors = {"mira", "jonas", "anna", "lev", "olga", "desk"};
        var picture = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        var g = picture.createGraphics();
        for (int y = 0; y < 600; y += 20) {
            g.setColor(new Color((y * 7) % 255, 90, 200 - y / 4));
            g.fillRect(0, y, 800, 20);
        }
        g.dispose();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\""
                    + " xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\""
                    + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                    + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
                    + "<channel><title>Bench Herald</title><link>" + site + "</link><language>en-US</language>\n"
                    + "<wp:base_site_url>" + site + "</wp:base_site_url>\n");
            for (String author : authors) {
                out.write("<wp:author><wp:author_login><![CDATA[" + author + "]]></wp:author_login>"
                        + "<wp:author_display_name><![CDATA[" + Character.toUpperCase(author.charAt(0)) + author.substring(1)
                        + " Writer]]></wp:author_display_name></wp:author>\n");
            }
            for (int n = 1; n <= posts; n++) {
                boolean pictured = n % 50 == 0;
                if (pictured) {
                    String name = "2020/01/bench-" + n + ".jpg";
                    Path target = uploads.resolve(name);
                    Files.createDirectories(target.getParent());
                    ImageIO.write(picture, "jpg", target.toFile());
                    out.write("<item><title>picture " + n + "</title><wp:post_id>" + (900000 + n) + "</wp:post_id>"
                            + "<wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status>inherit</wp:status>"
                            + "<wp:attachment_url><![CDATA[" + site + "/wp-content/uploads/" + name + "]]></wp:attachment_url></item>\n");
                }
                String date = String.format("2020-%02d-%02d %02d:%02d:00", n % 12 + 1, n % 28 + 1, n % 24, n % 60);
                out.write("<item><title><![CDATA[Bench story " + n + " about the north]]></title>"
                        + "<link>" + site + "/2020/01/bench-story-" + n + "/</link>"
                        + "<dc:creator><![CDATA[" + authors[n % authors.length] + "]]></dc:creator>"
                        + "<guid isPermaLink=\"false\">" + site + "/?p=" + n + "</guid>"
                        + "<content:encoded><![CDATA[First paragraph of bench story " + n + ", with <strong>bold</strong> words"
                        + " and <a href=\"https://example.com/source\">a source</a>.\n\n"
                        + "Second paragraph: the council met on Tuesday and voted to close the last printing house in town.\n\n"
                        + "<blockquote>We will keep publishing, whatever they decide.</blockquote>\n\n"
                        + "<h3>What happens next</h3>\n\nThe editors say the paper moves online; readers can follow it there.]]></content:encoded>"
                        + "<excerpt:encoded><![CDATA[Standfirst of bench story " + n + "]]></excerpt:encoded>"
                        + "<wp:post_id>" + n + "</wp:post_id><wp:post_date_gmt>" + date + "</wp:post_date_gmt>"
                        + "<wp:post_name>bench-story-" + n + "</wp:post_name><wp:status>publish</wp:status>"
                        + "<wp:post_type>post</wp:post_type>"
                        + "<category domain=\"category\" nicename=\"" + categories[n % categories.length] + "\"><![CDATA["
                        + categories[n % categories.length] + "]]></category>"
                        + "<category domain=\"post_tag\" nicename=\"t" + n % 40 + "\"><![CDATA[Topic " + n % 40 + "]]></category>"
                        + (pictured ? "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>" + (900000 + n)
                                + "</wp:meta_value></wp:postmeta>" : "")
                        + "</item>\n");
            }
            out.write("</channel></rss>\n");
        }
    }
}
