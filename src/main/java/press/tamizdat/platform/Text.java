package press.tamizdat.platform;

/**
 * Text as we store and write it. Control characters (C0 other than tab and newline, and DEL) have
 * no place in a headline or an address: XML cannot carry them, PostgreSQL refuses NUL, and they
 * hide text from the people who read it.
 */
public final class Text {

    private Text() {}

    /**
     * {@code text} without control characters other than tab and newline, and without half of a
     * surrogate pair; a browser's CR LF line ends (and a lone CR) become a newline. The same
     * string when there is nothing to take out.
     */
    public static String withoutControls(String text) {
        int i = 0;
        while (i < text.length() && allowed(text.charAt(i)) && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        var clean = new StringBuilder(text.length()).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                clean.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (Character.isHighSurrogate(c)) {
                // a pair is one character; half of one is no text at all (UTF-8 cannot even encode it)
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    clean.append(c).append(text.charAt(++i));
                }
            } else if (allowed(c) && !Character.isLowSurrogate(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /**
     * {@code text} with only what XML 1.0 allows: no C0 controls but tab, newline and CR, no
     * U+FFFE or U+FFFF, no half of a surrogate pair. Feeds and sitemaps write through this, so a
     * stray character in one headline cannot break a feed that every reader's app polls.
     */
    public static String forXml(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep;
            if (Character.isHighSurrogate(c)) {
                keep = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (keep) {
                    if (clean != null) {
                        clean.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                keep = !Character.isLowSurrogate(c)
                        && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        && c != '\uFFFE'
                        && c != '\uFFFF';
            }
            if (!keep && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            } else if (keep && clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n';
    }
}
