package press.tamizdat.platform;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Makes a readable ASCII slug from a headline, tag or byline in any of our languages. */
public final class Slugs {

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"),
            Map.entry('б', "b"),
            Map.entry('в', "v"),
            Map.entry('г', "g"),
            Map.entry('д', "d"),
            Map.entry('е', "e"),
            Map.entry('ё', "e"),
            Map.entry('ж', "zh"),
            Map.entry('з', "z"),
            Map.entry('и', "i"),
            Map.entry('й', "y"),
            Map.entry('к', "k"),
            Map.entry('л', "l"),
            Map.entry('м', "m"),
            Map.entry('н', "n"),
            Map.entry('о', "o"),
            Map.entry('п', "p"),
            Map.entry('р', "r"),
            Map.entry('с', "s"),
            Map.entry('т', "t"),
            Map.entry('у', "u"),
            Map.entry('ф', "f"),
            Map.entry('х', "kh"),
            Map.entry('ц', "ts"),
            Map.entry('ч', "ch"),
            Map.entry('ш', "sh"),
            Map.entry('щ', "shch"),
            Map.entry('ъ', ""),
            Map.entry('ы', "y"),
            Map.entry('ь', ""),
            Map.entry('э', "e"),
            Map.entry('ю', "yu"),
            Map.entry('я', "ya"));

    private static final int MAX_WORDS_LENGTH = 80;

    // compiled once: author links on every card are slugged per request
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");
    private static final Pattern LAST_PARTIAL_WORD = Pattern.compile("-[^-]*$");

    private Slugs() {}

    public static String from(String headline) {
        String slug = words(headline);
        return slug.isEmpty() ? "article" : slug;
    }

    /** Whether words make a slug of their own: a letter or digit of a script we write in Latin. */
    public static boolean hasOwn(String words) {
        return !words(words).isEmpty();
    }

    /** The slug of the words, empty when none of them can be written in Latin letters. */
    private static String words(String headline) {
        var latin = new StringBuilder();
        for (char c : headline.toLowerCase(Locale.ROOT).toCharArray()) {
            String transliterated = CYRILLIC.get(c);
            if (transliterated == null) {
                latin.append(c);
            } else {
                latin.append(transliterated);
            }
        }
        String ascii =
                MARKS.matcher(Normalizer.normalize(latin, Normalizer.Form.NFD)).replaceAll("");
        String slug =
                EDGE_DASHES.matcher(NOT_SLUG.matcher(ascii).replaceAll("-")).replaceAll("");
        if (slug.length() > MAX_WORDS_LENGTH) {
            slug = LAST_PARTIAL_WORD
                    .matcher(slug.substring(0, MAX_WORDS_LENGTH))
                    .replaceAll("");
        }
        return slug;
    }
}
