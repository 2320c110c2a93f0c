package press.tamizdat.mail;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Mail} as the bytes that go on the wire: RFC 5322 headers (non-ASCII words encoded and
 * long lines folded by Jakarta Mail's own {@link MimeUtility} and {@link InternetAddress}), the
 * parts base64-encoded by the JDK, CRLF line ends throughout.
 *
 * <p>Why not {@link MimeMessage}: a newsletter send writes one copy per subscriber, and building
 * and writing a MimeMessage per copy — its header objects, its data handlers, and its output
 * streams that handle the content byte by byte — was over half of a sender's time in the
 * newsletter benchmark. The bytes are handed to Angus Mail's SMTP transport all the same, through
 * {@link #asMessage}.
 */
final class WireMessage {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * The JDK's base64 in lines of 76 with CRLF between them, in one piece: Jakarta Mail's encoder,
     * line by line through a stream, showed in the profile.
     */
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, CRLF);

    /** The date header of the current second, made once a second rather than once a message. */
    private static volatile Dated dated = new Dated(Long.MIN_VALUE, "");

    private record Dated(long second, String text) {}

    /**
     * Random identifiers (Message-ID, part boundaries) from a generator of each sender's own: the
     * shared one behind {@link UUID#randomUUID} reads the system's source under one lock for all.
     */
    private static final ThreadLocal<java.security.SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return java.security.SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new java.security.SecureRandom();
        }
    });

    private final InternetAddress from;
    private final InternetAddress to;
    private final byte[] bytes;
    private final boolean mayStartLinesWithDots;

    private WireMessage(InternetAddress from, InternetAddress to, byte[] bytes, boolean mayStartLinesWithDots) {
        this.from = from;
        this.to = to;
        this.bytes = bytes;
        this.mayStartLinesWithDots = mayStartLinesWithDots;
    }

    /** The message of {@code mail}, dated {@code date}. */
    static WireMessage of(Mail mail, Instant date) throws MailFailure {
        return of(
                head(mail),
                mail.to(),
                Map.of(),
                new Body(mail.text().getBytes(StandardCharsets.UTF_8), true),
                mail.html() == null ? null : new Body(mail.html().getBytes(StandardCharsets.UTF_8), true),
                date);
    }

    /** The message of a template's copy, dated {@code date}. */
    static WireMessage of(MailTemplate.Copy copy, Instant date) throws MailFailure {
        return of(copy.template.head(), copy.to(), copy.headers, copy.text, copy.html, date);
    }

    /**
     * The headers every copy of a mail shares — From, Subject, MIME-Version and its extra headers —
     * encoded and folded once for a template rather than once per copy.
     */
    static Head head(Mail mail) throws MailFailure {
        try {
            var from = new InternetAddress(mail.fromAddress(), mail.fromName(), StandardCharsets.UTF_8.name());
            from.validate();
            var out = new ByteArrayOutputStream(512);
            header(out, "From", InternetAddress.toString(new Address[] {from}, 6));
            header(out, "Subject", MimeUtility.fold(9, MimeUtility.encodeText(mail.subject(), "UTF-8", null)));
            header(out, "MIME-Version", "1.0");
            extraHeaders(out, mail.headers());
            return new Head(
                    from, "@" + domainOf(mail.fromAddress()) + ">", out.toByteArray(), startsWithDot(mail.headers()));
        } catch (AddressException e) {
            throw new MailFailure("Not a mail address: " + e.getRef(), true, e);
        } catch (UnsupportedEncodingException e) {
            throw new MailFailure("The message could not be built", true, e);
        }
    }

    /**
     * The shared headers of {@link #head}, with the sender, the end of each Message-ID, and whether
     * a header's name starts with a dot.
     */
    record Head(InternetAddress from, String messageIdEnd, byte[] bytes, boolean dotted) {}

    /**
     * A part's content in UTF-8; {@code mayBeSevenBit} false when it is known to need base64 (a
     * template's text that is not ASCII stays so in every copy), which spares looking at it; and
     * the base64 of its first {@code sharedLength} bytes, whole lines each ending in CRLF, when that
     * is known already (see {@link #shared}).
     */
    record Body(byte[] utf8, boolean mayBeSevenBit, int sharedLength, byte[] sharedBase64) {

        Body(byte[] utf8, boolean mayBeSevenBit) {
            this(utf8, mayBeSevenBit, 0, new byte[0]);
        }
    }

    /**
     * The base64 lines of the whole lines' worth of {@code start} (a multiple of 57 bytes, which
     * makes 76 characters): what every copy of a template begins with, encoded once. Encoding the
     * rest of a copy then starts on a line of its own and gives the same lines as encoding all of it.
     */
    static byte[] shared(byte[] start) {
        int length = sharedLength(start);
        if (length == 0) {
            return new byte[0];
        }
        byte[] lines = BASE64.encode(java.util.Arrays.copyOf(start, length));
        byte[] ended = java.util.Arrays.copyOf(lines, lines.length + 2);
        ended[lines.length] = '\r';
        ended[lines.length + 1] = '\n';
        return ended;
    }

    /** How much of {@code start} {@link #shared} encodes. */
    static int sharedLength(byte[] start) {
        return start.length / BASE64_LINE_BYTES * BASE64_LINE_BYTES;
    }

    /** The bytes a base64 line of 76 characters carries. */
    private static final int BASE64_LINE_BYTES = 57;

    private static WireMessage of(
            Head head, String recipient, Map<String, String> headers, Body text, @Nullable Body html, Instant date)
            throws MailFailure {
        try {
            var to = new InternetAddress(recipient, true);
            // base64 takes four bytes for three, plus a line end every 76
            var out = new ByteArrayOutputStream(1024
                    + head.bytes().length
                    + (text.utf8().length + (html == null ? 0 : html.utf8().length)) * 140 / 100);
            header(out, "Date", date(date));
            header(out, "To", InternetAddress.toString(new Address[] {to}, 4));
            header(out, "Message-ID", "<" + randomId() + head.messageIdEnd());
            out.write(head.bytes(), 0, head.bytes().length);
            extraHeaders(out, headers);
            boolean sevenBit;
            if (html == null) {
                sevenBit = part(out, "text/plain", text);
            } else {
                // random: no base64 line can contain it, and no text would guess it
                String boundary = "=_part_" + randomId();
                header(out, "Content-Type", "multipart/alternative;\r\n\tboundary=\"" + boundary + "\"");
                out.write(CRLF, 0, 2);
                text(out, "--" + boundary + "\r\n");
                sevenBit = part(out, "text/plain", text);
                text(out, "--" + boundary + "\r\n");
                sevenBit |= part(out, "text/html", html);
                text(out, "--" + boundary + "--\r\n");
            }
            // header lines start with a name and folded ones with white space, base64 lines with
            // letters, digits, + and /, and boundaries with "--": only text and names may start with a dot
            return new WireMessage(
                    head.from(), to, out.toByteArray(), sevenBit || head.dotted() || startsWithDot(headers));
        } catch (AddressException e) {
            throw new MailFailure("Not a mail address: " + e.getRef(), true, e);
        } catch (UnsupportedEncodingException e) {
            throw new MailFailure("The message could not be built", true, e);
        }
    }

    private static boolean startsWithDot(Map<String, String> headers) {
        return headers.keySet().stream().anyMatch(name -> name.startsWith("."));
    }

    private static void extraHeaders(ByteArrayOutputStream out, Map<String, String> headers)
            throws UnsupportedEncodingException {
        for (var extra : headers.entrySet()) {
            header(out, extra.getKey(), encoded(extra.getKey(), extra.getValue()));
        }
    }

    /** The same message with one more header in front (a DKIM signature). */
    WireMessage withFirstHeader(String headerLine) {
        byte[] header = (headerLine + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] joined = new byte[header.length + bytes.length];
        System.arraycopy(header, 0, joined, 0, header.length);
        System.arraycopy(bytes, 0, joined, header.length, bytes.length);
        return new WireMessage(from, to, joined, mayStartLinesWithDots || headerLine.startsWith("."));
    }

    byte[] bytes() {
        return bytes;
    }

    /** False when no line can start with a dot, so none needs doubling on the way (see {@link SmtpData}). */
    boolean mayStartLinesWithDots() {
        return mayStartLinesWithDots;
    }

    InternetAddress to() {
        return to;
    }

    /**
     * A message for {@link jakarta.mail.Transport#sendMessage} that writes these bytes as they
     * are (onto {@code socket} when given, see {@link SmtpData}) and then runs {@code beforeEnd},
     * before the transport ends the data; the transport takes only the envelope sender from it.
     */
    MimeMessage asMessage(Session session, @Nullable OutputStream socket, Runnable beforeEnd) {
        return new MimeMessage(session) {

            @Override
            public Address[] getFrom() {
                return new Address[] {from};
            }

            @Override
            public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
                SmtpData.write(bytes, mayStartLinesWithDots, out, socket);
                try {
                    beforeEnd.run();
                } catch (RuntimeException e) {
                    // the transport then drops the connection without ending the data: nothing is accepted
                    throw new IOException("Message abandoned before its end: " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * A part as 7bit text when it is plain ASCII in short lines (readable as it stands, in the
     * outbox too), otherwise base64.
     */
    private static boolean part(ByteArrayOutputStream out, String type, Body body) {
        byte[] utf8 = body.utf8();
        header(out, "Content-Type", type + "; charset=UTF-8");
        if (body.mayBeSevenBit() && isShortAsciiLines(utf8)) {
            header(out, "Content-Transfer-Encoding", "7bit");
            out.write(CRLF, 0, 2);
            int start = 0;
            for (int i = 0; i < utf8.length; i++) {
                if (utf8[i] == '\n') {
                    out.write(utf8, start, i - start);
                    out.write(CRLF, 0, 2);
                    start = i + 1;
                }
            }
            if (start < utf8.length) {
                out.write(utf8, start, utf8.length - start);
                out.write(CRLF, 0, 2);
            }
            return true;
        } else {
            header(out, "Content-Transfer-Encoding", "base64");
            out.write(CRLF, 0, 2);
            out.write(body.sharedBase64(), 0, body.sharedBase64().length);
            int rest = utf8.length - body.sharedLength();
            if (rest > 0 || body.sharedLength() == 0) {
                var encoded = BASE64.encode(java.nio.ByteBuffer.wrap(utf8, body.sharedLength(), rest));
                out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
                out.write(CRLF, 0, 2);
            }
            return false;
        }
    }

    private static String date(Instant at) {
        long second = at.getEpochSecond();
        var known = dated;
        if (known.second() != second) {
            known = new Dated(second, DATE.format(Instant.ofEpochSecond(second)));
            dated = known;
        }
        return known.text();
    }

    /** 128 random bits as a UUID's text. */
    private static String randomId() {
        var random = RANDOM.get();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** ASCII without control characters other than tab and LF, no line longer than 998 (RFC 5322). */
    private static boolean isShortAsciiLines(byte[] utf8) {
        int lineLength = 0;
        for (byte b : utf8) {
            if (b == '\n') {
                lineLength = 0;
            } else if (b < 0 || b == 127 || (b < 32 && b != '\t') || ++lineLength > 998) {
                return false;
            }
        }
        return true;
    }

    private static String encoded(String name, String value) throws UnsupportedEncodingException {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 126) {
                return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, "UTF-8", null));
            }
        }
        return MimeUtility.fold(name.length() + 2, value);
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        text(out, name + ": " + value + "\r\n");
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1);
    }
}
