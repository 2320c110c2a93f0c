package press.tamizdat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/** The known XSS payloads in {@code xss/payloads.txt} and the check that nothing executable survived. */
public final class XssCorpus {

    /** Elements that can run code, load foreign content or change where the page sends things. */
    public static final Set<String> DANGEROUS_ELEMENTS = Set.of(
            "script",
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "applet",
            "svg",
            "math",
            "style",
            "link",
            "meta",
            "base",
            "form",
            "input",
            "button",
            "textarea",
            "select",
            "template",
            "noscript",
            "video",
            "audio",
            "source",
            "details",
            "marquee",
            "isindex");

    private static final Pattern EXECUTABLE_URL =
            Pattern.compile("^\\s*(javascript|vbscript|data|livescript):.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private XssCorpus() {}

    public static List<String> payloads() {
        try (InputStream in = XssCorpus.class.getResourceAsStream("/xss/payloads.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.replace("\\n", "\n"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes what is dangerous in the element's subtree, or returns an empty list. */
    public static List<String> dangers(Element root, Set<String> allowedScripts) {
        return root.select("*").stream()
                .flatMap(element -> {
                    var found = new java.util.ArrayList<String>();
                    String tag = element.normalName();
                    if (DANGEROUS_ELEMENTS.contains(tag)
                            && !(tag.equals("script") && allowedScripts.contains(element.attr("src")))) {
                        found.add("<" + tag + ">");
                    }
                    for (Attribute attribute : element.attributes()) {
                        String name = attribute.getKey().toLowerCase(Locale.ROOT);
                        String value = attribute.getValue();
                        if (name.startsWith("on")
                                || name.equals("style")
                                || name.equals("formaction")
                                || name.equals("srcdoc")) {
                            found.add(tag + "[" + name + "]");
                        }
                        if (Set.of("href", "src", "action", "xlink:href", "data", "srcset", "background", "poster")
                                        .contains(name)
                                && EXECUTABLE_URL
                                        .matcher(decodeWhitespace(value))
                                        .matches()) {
                            found.add(tag + "[" + name + "=" + value + "]");
                        }
                        if (tag.equals("img") && name.equals("src") && !value.startsWith("/media/")) {
                            found.add("foreign image " + value);
                        }
                    }
                    return found.stream();
                })
                .toList();
    }

    /** Browsers ignore control characters and whitespace inside a URL scheme. */
    private static String decodeWhitespace(String value) {
        return value.replaceAll("[\\x00-\\x20]", "");
    }
}
