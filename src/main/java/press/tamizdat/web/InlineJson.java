package press.tamizdat.web;

/**
 * JSON written inside a page's {@code <script>} element. A string in it may hold {@code <!--},
 * {@code <script>} or {@code </script>}, which the HTML parser reads before any JSON parser does
 * (a headline with {@code <!--<script>} swallowed the rest of the page); and U+2028 and U+2029
 * end a line in older script parsers. Each is written as a JSON escape, which means the same.
 */
public final class InlineJson {

    private InlineJson() {}

    /** {@code json} with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code uXXXX} escapes. */
    public static String escape(String json) {
        var safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }
}
