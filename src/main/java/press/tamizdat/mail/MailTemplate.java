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
        var all = new java.util.LinkedHashMap<>(mail.headers());
        all.putAll(headers);
        var addressed = new Mail(mail.fromAddress(), mail.fromName(), recipient, mail.subject(), "", null, all);
        return new Copy(addressed, text.fill(values, false), html == null ? null : html.fill(values, true));
    }

    /** A recipient's copy of a template, ready for {@link Mailer.Connection#send(Copy, Runnable)}. */
    public static final class Copy {

        final Mail headers;
        final byte[] text;
        final byte @Nullable [] html;

        private Copy(Mail headers, byte[] text, byte @Nullable [] html) {
            this.headers = headers;
            this.text = text;
            this.html = html;
        }

        /** The recipient's address. */
        public String to() {
            return headers.to();
        }
    }

    /** A part in UTF-8, cut at the markers: segment, value, segment, value, ... segment. */
    private record Part(List<byte[]> segments, int[] slots) {

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
                            segments, slots.stream().mapToInt(Integer::intValue).toArray());
                }
                segments.add(content.substring(from, at).getBytes(StandardCharsets.UTF_8));
                slots.add(which);
                from = at + markers.get(which).length();
            }
        }

        byte[] fill(String[] values, boolean html) {
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
            return out;
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
