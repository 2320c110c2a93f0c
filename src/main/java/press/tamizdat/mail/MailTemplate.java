package press.tamizdat.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message rendered once and sent to many, such as a newsletter edition: its parts are encoded
 * once and cut where each recipient's own values go (their unsubscribe link, say), so a copy costs
 * copying bytes rather than replacing and encoding the whole text again — which was a third of a
 * newsletter sender's time.
 */
public final class MailTemplate {

    private final Mail mail;
    private final int values;
    private final Part text;
    private final @Nullable Part html;

    private MailTemplate(Mail mail, List<String> markers) {
        this.mail = mail;
        this.values = markers.size();
        this.text = Part.cut(mail.text(), markers);
        this.html = mail.html() == null ? null : Part.cut(mail.html(), markers);
    }

    /**
     * The template of {@code mail}, whose text and HTML carry {@code markers} where each copy's
     * values go; the mail's recipient is ignored.
     */
    public static MailTemplate of(Mail mail, List<String> markers) {
        for (String marker : markers) {
            if (marker.isEmpty()) {
                throw new IllegalArgumentException("A template's marker may not be empty");
            }
        }
        return new MailTemplate(mail, List.copyOf(markers));
    }

    /**
     * One recipient's copy: {@code values} in the places of the markers (escaped for HTML in the
     * HTML part), and {@code headers} after the template's own.
     */
    public Copy to(String recipient, Map<String, String> headers, String... values) {
        if (values.length != this.values) {
            throw new IllegalArgumentException("The template takes " + this.values + " values");
        }
        Mail.requireOneLine("recipient", recipient);
        headers.forEach((name, value) -> {
            Mail.requireOneLine("header name", name);
            Mail.requireOneLine(name, value);
            if (mail.headers().keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw new IllegalArgumentException("The template already has the header " + name);
            }
        });
        return new Copy(
                this,
                recipient,
                Map.copyOf(headers),
                text.fill(values, false),
                html == null ? null : html.fill(values, true));
    }

    /** The headers all copies share, encoded on first use. */
    WireMessage.Head head() throws MailFailure {
        var known = head;
        if (known == null) {
            known = WireMessage.head(mail);
            head = known;
        }
        return known;
    }

    private volatile WireMessage.@Nullable Head head;

    /** A recipient's copy of a template, ready for {@link Mailer.Connection#send(Copy, Runnable)}. */
    public static final class Copy {

        final MailTemplate template;
        private final String to;
        final Map<String, String> headers;
        final WireMessage.Body text;
        final WireMessage.@Nullable Body html;

        private Copy(
                MailTemplate template,
                String to,
                Map<String, String> headers,
                WireMessage.Body text,
                WireMessage.@Nullable Body html) {
            this.template = template;
            this.to = to;
            this.headers = headers;
            this.text = text;
            this.html = html;
        }

        /** The recipient's address. */
        public String to() {
            return to;
        }

        /** The names of the extra headers this copy carries, the template's and its own. */
        java.util.Set<String> headerNames() {
            var names = new java.util.HashSet<>(template.mail.headers().keySet());
            names.addAll(headers.keySet());
            return names;
        }
    }

    /**
     * A part in UTF-8, cut at the markers: segment, value, segment, value, ... segment; {@code
     * ascii} when the segments are ASCII text, which a copy then may be too; and the base64 of the
     * first {@code sharedLength} bytes, which every copy begins with.
     */
    private record Part(List<byte[]> segments, int[] slots, boolean ascii, int sharedLength, byte[] sharedBase64) {

        static Part cut(String content, List<String> markers) {
            var segments = new ArrayList<byte[]>();
            var slots = new ArrayList<Integer>();
            int from = 0;
            while (true) {
                int at = -1;
                int which = -1;
                for (int m = 0; m < markers.size(); m++) {
                    int found = content.indexOf(markers.get(m), from);
                    if (found >= 0 && (at < 0 || found < at)) {
                        at = found;
                        which = m;
                    }
                }
                if (at < 0) {
                    segments.add(content.substring(from).getBytes(StandardCharsets.UTF_8));
                    return new Part(
                            segments,
                            slots.stream().mapToInt(Integer::intValue).toArray(),
                            segments.stream().allMatch(Part::isAsciiText),
                            // a copy's own values come at the first marker: what is before is every copy's
                            WireMessage.sharedLength(segments.getFirst()),
                            WireMessage.shared(segments.getFirst()));
                }
                segments.add(content.substring(from, at).getBytes(StandardCharsets.UTF_8));
                slots.add(which);
                from = at + markers.get(which).length();
            }
        }

        private static boolean isAsciiText(byte[] utf8) {
            for (byte b : utf8) {
                if (b < 0 || b == 127 || (b < 32 && b != '\t' && b != '\n')) {
                    return false;
                }
            }
            return true;
        }

        WireMessage.Body fill(String[] values, boolean html) {
            var encoded = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                encoded[i] = (html ? escape(values[i]) : values[i]).getBytes(StandardCharsets.UTF_8);
            }
            int length = 0;
            for (byte[] segment : segments) {
                length += segment.length;
            }
            for (int slot : slots) {
                length += encoded[slot].length;
            }
            var out = new byte[length];
            int at = 0;
            for (int i = 0; i < segments.size(); i++) {
                byte[] segment = segments.get(i);
                System.arraycopy(segment, 0, out, at, segment.length);
                at += segment.length;
                if (i < slots.length) {
                    byte[] value = encoded[slots[i]];
                    System.arraycopy(value, 0, out, at, value.length);
                    at += value.length;
                }
            }
            return new WireMessage.Body(out, ascii, sharedLength, sharedBase64);
        }

        private static String escape(String value) {
            return value.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;")
                    .replace("'", "&#39;");
        }
    }
}
